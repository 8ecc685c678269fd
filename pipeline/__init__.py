"""pipeline: money, area, date and organisation records from news articles, normalised and traceable."""
