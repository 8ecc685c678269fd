"""Tables that come from well-kept data packages (places, legal forms, currencies), one
module each, each loaded once per process; places and currencies are built once per installed
version into the tables' cache file (``cache``) and read from it. Imports nothing else of
the package."""


def load() -> None:
    """Load every table now (each once per process), so a run can report what loading costs."""
    from . import legal_forms, places

    places.regions()
    places.state_codes()
    places.cities()
    places.countries_of_places()
    places.names()
    legal_forms.terms()
    legal_forms.written_forms()
