"""Organisation extractor: one row per failure family pattern, a negative beside each positive.

Rows are (text, expected canonical names in order of first mention). The families are the
issue's ("Organisations on news from anywhere"); the sentences are our own.
"""

from dataclasses import replace

import pytest

from pipeline.extractors import Context
from pipeline.extractors.organisations import extract
from pipeline.records import merge

SAMPLE_PAGE = [
    ("The opening of the Shanghai MedValley marks Jiading's latest step toward growth.", ["Shanghai MedValley"]),
    ("THE Shanghai MedValley opened on October 13 in Malu Town, Jiading District.", ["Shanghai MedValley"]),
    (
        "Since 2018, Fudan University has jointly built the Shanghai (Nanxiang) Precision Medicine Industrial Park with Jiading.",
        ["Fudan University", "Shanghai (Nanxiang) Precision Medicine Industrial Park"],
    ),
    (
        "It has the Ruijin Hospital National Medical Center and the Shanghai MedValley Industrial Park as key players.",
        ["Ruijin Hospital National Medical Center", "Shanghai MedValley Industrial Park"],
    ),
    ("Located in the heart of Jiading New City, it is the newest addition.", []),
    ("Lu Tielong, Party secretary of Malu Town, spoke.", []),
    (
        "The United Imaging Town, with the Shanghai United Imaging Healthcare as key player.",
        ["Shanghai United Imaging Healthcare"],
    ),
    (
        "It began operation at the Shanghai International Automobile City of Anting Town, Jiading District.",
        ["Shanghai International Automobile City"],
    ),
]
GENERAL = [
    (
        "Shanghai University signed a deal with Peking University Hospital.",
        ["Shanghai University", "Peking University Hospital"],
    ),
    (
        "Alibaba Group Holding Ltd. and the Bank of China met in Beijing.",
        ["Alibaba Group Holding Ltd.", "Bank of China"],
    ),
    ("The Hong Kong (Asia) Research Institute opened.", ["Hong Kong (Asia) Research Institute"]),
    ("He moved to Pudong New City last year.", []),
    (
        "The Technical University of Munich and the Max Planck Institute will run it.",
        ["Technical University of Munich", "Max Planck Institute"],
    ),
    ("The Chinese Academy of Sciences opened a lab.", ["Chinese Academy of Sciences"]),
    ("Manchester City Council has approved the plan.", ["Manchester City Council"]),
]
# Spans never cross a line break, a dateline, a separator, a bracket or a number.
STRUCTURE = [
    ("NEW YORK (Wire)--Acme Co. said on Monday that profits rose.", ["Wire", "Acme Co."]),
    ("NEW YORK -- Acme Co. said on Monday that profits rose.", ["Acme Co."]),
    ("LONDON, March 3 (Reuters) - Barrick Gold Corp said it would buy a mine.", ["Reuters", "Barrick Gold Corp"]),
    ("LONDON, March 3 - Barrick Gold Corp said it would buy a mine.", ["Barrick Gold Corp"]),
    ("Readers can call the Acme Corp hotline on 555-123-4567.", ["Acme Corp"]),
    ("The Chicago Bears won their third game in a row.", ["Chicago Bears"]),
]
# A headline in capitals or title case only confirms what the body names.
HEADLINES = [
    ("TENNIS - FEDERER SAILS ON\n\nRoger Federer beat Rafael Nadal in Basel on Sunday.", []),
    ("ACME CORP SHARES JUMP\n\nAcme Corp said on Monday that profits rose.", ["Acme Corp"]),
    ("RIOTERS TORCH CARS IN PARIS\n\nPolice said rioters burned cars in Paris.", []),
    (
        "Acme Snubbed By Rivals As Motors Eyes Deal\n\nAcme Corp said rivals snubbed it while General Motors eyes a deal.",
        ["Acme Corp", "General Motors"],
    ),
]
# Names kept whole: joiners, particles, hyphens, legal forms, possessives of the name, a year.
WHOLE_NAMES = [
    ("Shoppers flocked to Marks and Spencer on Saturday.", ["Marks and Spencer"]),
    ("Shoppers flocked to Apple and Google stores.", ["Apple", "Google"]),
    ("Johnson & Johnson and Procter & Gamble reported results.", ["Johnson & Johnson", "Procter & Gamble"]),
    ("Banco de Bogotá announced a tie-up.", ["Banco de Bogotá"]),
    ("Coca-Cola Amatil announced a tie-up.", ["Coca-Cola Amatil"]),
    ("Sun Hung Kai Properties Limited signed the lease.", ["Sun Hung Kai Properties Limited"]),
    ("Petronas Sdn Bhd signed the lease.", ["Petronas Sdn Bhd"]),
    ("Siemens AG and Sony Group KK signed.", ["Siemens AG", "Sony Group KK"]),
    ("Wesfarmers Pty Ltd and Acme Co Inc signed.", ["Wesfarmers Pty Ltd", "Acme Co Inc"]),
    ("Banco Santander SA agreed to the terms.", ["Banco Santander SA"]),
    ("Sainsbury's said sales rose, and Lloyd's of London said claims rose.", ["Sainsbury's", "Lloyd's of London"]),
    ("Acme Corp said Acme's profits rose.", ["Acme Corp"]),
    ("The 2040 Ventures Fund invested in the company.", ["2040 Ventures Fund"]),
    ("In 2040 Ventures grew.", []),
    ("The deal was advised by Sullivan, Cromwell, Hale & Dorr in New York.", ["Sullivan, Cromwell, Hale & Dorr"]),
    ("The tour stops in Paris, Lyon, Marseille & Nice next year.", []),
    ("Kirkland & Ellis advised the buyers.", ["Kirkland & Ellis"]),
    ("The Maritime Authority Te Mana Moana approved the plan.", ["Maritime Authority Te Mana Moana"]),
    ("The Maritime Authority Director Jane Smith approved it.", ["Maritime Authority"]),
    ("Its co-founder, Avery Stone, opened the first shop at a market in 1990.", []),
    ("Its rival, Avery Stone Group, opened the first shop at a market in 1990.", ["Avery Stone Group"]),
    ("The ruling follows cases on Yahoo and Tiffany & Co., lawyers said.", ["Yahoo", "Tiffany & Co."]),
    ("Shoppers bought Procter and Gamble Co. shares.", ["Procter and Gamble Co."]),
]
# One-word names, acronyms, agencies and clubs the model misses or mislabels, found by article cues.
CUED = [
    ("Shares of Heineken rose 2% on Monday.", ["Heineken"]),
    ("Shares of the company rose 2% on Monday.", []),
    ("Japan's Astellas said it would cut jobs.", ["Astellas"]),
    ("Japan's economy grew in the third quarter.", []),
    ("Kroger shares fell after the report.", ["Kroger"]),
    ("The FDA approved the drug, Italy's ANSA news agency reported.", ["FDA", "ANSA"]),
    ("The World Health Organization (WHO) said the WHO would help.", ["World Health Organization"]),
    ("The lager is sold to Dutch brewer Heineken and others.", ["Heineken"]),
    ("The lager is sold to a Dutch brewer and others.", []),
    ("Retail fuel was cheaper. Kalibrate, which tracks pump prices, said so.", ["Kalibrate"]),
    ("Retail fuel was cheaper. Kalibrate, who tracks pump prices, said so.", []),
]
# Names that go on past what the model tags, and names that stop where the model says.
LONGER_NAMES = [
    (
        "The deal still needs the Building and Construction Authority to approve it.",
        ["Building and Construction Authority"],
    ),
    ("Shares of Acme Corp and Beta Ltd rose.", ["Acme Corp", "Beta Ltd"]),
    ("The fine was set by the Superintendency of the Environment last year.", ["Superintendency of the Environment"]),
    ("The fine was set by the superintendency of the environment last year.", []),
    ("The Port Authority of New York and New Jersey sold the site.", ["Port Authority of New York and New Jersey"]),
    ("Shares in Banco de Sabadell rose.", ["Banco de Sabadell"]),
    ("Rivals West Fraser Timber Co. Ltd. cut output.", ["West Fraser Timber Co. Ltd."]),
    (
        "Sony Semiconductor Solutions, Denso Corp and Toyota Motor Corp hold stakes.",
        ["Sony Semiconductor Solutions", "Denso Corp", "Toyota Motor Corp"],
    ),
]
# Short forms linked to the full name by initials, by "known as" and by a word of the name.
SHORT_FORMS = [
    (
        "Farmland near the plant run by Taiwan Semiconductor Manufacturing Co is dear. TSMC said so.",
        ["Taiwan Semiconductor Manufacturing Co"],
    ),
    ("Shoppers flocked to Marks and Spencer. M&S said sales rose.", ["Marks and Spencer"]),
    ("Suzhou Lingjing Robotics Co raised money. Lingjing said it would list.", ["Suzhou Lingjing Robotics Co"]),
]
# Persons, places, events, awards, grades, programmes and business acronyms are not organisations.
NOT_ORGANISATIONS = [
    ("Maria Okonkwo, chief executive of Okonkwo Holdings, flew to Astana.", ["Okonkwo Holdings"]),
    ("Maria Okonkwo flew to Houston, TX. Okonkwo said Kazakhstan would sign.", []),
    ("Traffic on the New Jersey Turnpike and the M25 was slow.", []),
    ("Fans left the Emirates Stadium for the Acme Tower.", []),
    ("The Booker Prize and the World Cup drew crowds.", []),
    ("Brent crude and WTI rose.", []),
    ("The CEO planned an IPO and an LOI under Project Nexus.", []),
    ("The FTSE 100 and Nikkei 225 rose.", []),
    ("The FTSE SmallCap index rose, as did ASX-listed miners.", []),
    ("The contract, worth NZ$1.9b, was paid in CHF and AUD.", []),
    ("The plant near Chapais will close, chief executive Lim Boon Hock said.", []),
    ("Finance minister K N Balagopal presented the budget.", []),
    ("Finance minister K N Balagopal presented the budget. Balagopal said it was fair.", []),
    ("Rents rose, said Sterling Grant, who follows real estate at a research firm.", []),
    (
        "Stockholm Bypass Costs Climb As Implenia Presses SEK 4bn Claim\n\nImplenia AG presses a SEK 4bn claim.",
        ["Implenia AG"],
    ),
]
# "at" after a person's role names a workplace; "at" alone a place.
WORKPLACES = [
    ("Rates will fall, said Ana Ruiz, an economist at Brightwater.", ["Brightwater"]),
    ("Rates will fall, said Ana Ruiz, who spoke at Brightwater.", []),
    ("Prices held, said Li Wen, head of credit research at Marlow Brothers in Perth.", ["Marlow Brothers"]),
    ("Prices held, said Li Wen, a partner at Toronto.", []),
]
# Other languages put the organisation word first; names go on over several particles.
HEAD_FIRST = [
    ("In Peru, Industrias Valmora reported a loss.", ["Industrias Valmora"]),
    ("In Peru, the industrias of Valmora reported a loss.", []),
    ("Loans came from Banco de la Nación Argentina last year.", ["Banco de la Nación Argentina"]),
    ("Compañía Minera Andina SpA appealed. The court ordered Minera Andina to pay.", ["Compañía Minera Andina SpA"]),
]
# Acronyms: initials of hyphenated words, X for Exchange; an acronym of a non-organisation is none.
ACRONYMS = [
    ("Hewlett-Packard Enterprise Co reported results. HPE said margins rose.", ["Hewlett-Packard Enterprise Co"]),
    ("Fans follow the Coastal Super League (CSL) closely.", []),
    ("Fans follow the Coastal Football Federation (CFF) closely.", ["Coastal Football Federation"]),
    ("SEOUL, May 2 (Yonhap) - Acme Corp rose, according to Yonhap Infomax.", ["Yonhap", "Acme Corp", "Yonhap Infomax"]),
]
# Nationalities, units, currency signs, places by the noun after them, strategies and treaties.
NOT_NAMES = [
    ("The acquisition of German pump maker Ostwald closed.", ["Ostwald"]),
    ("Analysts at Halvorsen estimated a rise.", ["Halvorsen"]),
    ("It includes a 2.4 Mil SF warehouse near the port.", []),
    ("In 2019 Acme Ltd opened a warehouse near the port.", ["Acme Ltd"]),
    ("The plots sold for NIS 2.5 billion.", []),
    ("Farmers in the Tarrabee valley sued Acme Corp on Monday.", ["Acme Corp"]),
    ("The National Hydrogen Strategy and the Paris Agreement set targets.", []),
    ("The National Hydrogen Agency set targets.", ["National Hydrogen Agency"]),
]
# A name the acronym in brackets after it spells, joiners and all; a country before it is not spelled.
SPELLED = [
    ("The Food and Drug Administration (FDA) approved the drug.", ["Food and Drug Administration"]),
    ("The Gross Domestic Product (GDP) figures were out.", []),
    ("The U.S. Federal Trade Commission (FTC) opened a review.", ["Federal Trade Commission"]),
    ("The Australian Nurses' Federation (ANF) called a strike.", ["Australian Nurses' Federation"]),
    ("Orsted Wind A/S signed the lease.", ["Orsted Wind A/S"]),
    ("Holm-Larsen Shipping A/S posted results. Larsen said costs rose.", ["Holm-Larsen Shipping A/S"]),
]
# Names listed with an organisation ("and" closing the list) are organisations, unless persons or places.
LISTED = [
    ("The loan came from Halifax Building Society and Norbanken.", ["Halifax Building Society", "Norbanken"]),
    ("The loan came from Halifax Building Society and Mary Jones.", ["Halifax Building Society"]),
    ("Kestrel Motors, Ardent and Vireo cut prices.", ["Kestrel Motors", "Ardent", "Vireo"]),
    ("Kestrel Motors, Ardent, cut prices.", ["Kestrel Motors"]),
    ("Acme Corp and Smith met. John Smith said so.", ["Acme Corp"]),
    ("Its plants in Norbury and Acme Corp's depot opened.", ["Acme Corp"]),
]
# A name with "of" goes on over a list of common nouns; a list of names is a list.
OF_LISTS = [
    ("The Ministry of Economy, Trade and Industry said exports rose.", ["Ministry of Economy, Trade and Industry"]),
    ("The Ministry of Finance, Nidec and Kao said exports rose.", ["Ministry of Finance", "Nidec", "Kao"]),
]
# A name the article calls a company before a longer one ending in an organisation word is its own.
PARENTS = [
    ("The brewer Valder said sales rose. The Valder Foundation owns a stake.", ["Valder", "Valder Foundation"]),
    ("Valder Holdings Ltd said sales rose. Valder shares fell.", ["Valder Holdings Ltd"]),
]
# Names of other languages and forms: lower-case words spelled by the acronym, a head word it leaves
# out, Indonesian Tbk, clubs named FC first, a kind word opening a sentence.
MORE_NAMES = [
    ("The Autorité des normes comptables (ANC) issued rules.", ["Autorité des normes comptables"]),
    ("He studied the rules of the game (ROTG) closely.", []),
    ("Banca Popolare di Sondrio (PS) raised rates.", ["Banca Popolare di Sondrio"]),
    ("The Cassa Rurale e Artigiana (CRA) lends to farmers.", ["Cassa Rurale e Artigiana"]),
    ("PT Sinar Jaya Tbk reported a profit.", ["PT Sinar Jaya Tbk"]),
    ("Fans of FC Nordvik cheered.", ["FC Nordvik"]),
    ("Rival Kestrel Motors Ltd cut prices.", ["Kestrel Motors Ltd"]),
    ("She studied at Kestrel University.", ["Kestrel University"]),
    ("She studied at Kestrel.", []),
]
# Exchanges: where shares are listed or moved.
EXCHANGES = [
    ("Shares rose 2.1% on Nordbourse Oslo.", ["Nordbourse Oslo"]),
    ("Shares rose 2.1% on Friday.", []),
    ("The company is listed on Nordbourse.", ["Nordbourse"]),
]
# Days, months, bare legal forms and kind words; parties with "of"; inlets, islands and terminals;
# players named by their position; projects and products by the noun after every mention.
NOT_NAMES_MORE = [
    ("Kestrel Motors said on Wednesday that January sales rose.", ["Kestrel Motors"]),
    ("Steelmaker nordstahl AG cut jobs.", []),
    ("The Liberal Party of Ruritania won the vote.", ["Liberal Party of Ruritania"]),
    ("Ships anchored in Kestrel Inlet near the Falk Islands.", []),
    ("The club sold striker Anton Berg to Kestrel FC.", ["Kestrel FC"]),
    ("Kestrel Motors said its Northwind Energy project was delayed.", ["Kestrel Motors"]),
    ("Kestrel Motors said Valder was delayed. Valder shares fell.", ["Kestrel Motors", "Valder"]),
    (
        "Kestrel Goes for Record as Valder Eyes Bigger Share from Deal\n\nKestrel Motors said profits rose.",
        ["Kestrel Motors"],
    ),
]
# The model's name across a possessive is one name; two names the model joins with "and" are two
# when a side has more words; "Marks and Spencer" is one.
POSSESSIVES_AND = [
    ("Moody's Investors Service cut the rating.", ["Moody's Investors Service"]),
    ("Tesla's Shanghai plant exported fewer cars.", ["Tesla"]),
    ("Norrland Copper Mining and Glentor agreed terms on Monday.", ["Norrland Copper Mining", "Glentor"]),
    ("Jobs went at the Bank of Ruritania and Nordbank Holdings.", ["Bank of Ruritania", "Nordbank Holdings"]),
    ("Shoppers flocked to Marks and Spencer on Saturday.", ["Marks and Spencer"]),
]
# A name in apposition to a kind of organisation, or listed after a plural kind, is one; a
# person's is not. A possessive joins the model's name only over common words; no name starts
# with a date; an of-name goes on over adjectives and plurals.
APPOSITIVES = [
    ("Norvana, the state oil company, cut output.", ["Norvana"]),
    ("Chase Morgan, a roofing contractor, said so.", []),
    ("Operators such as Lumex bid for the line.", ["Lumex"]),
    ("Cities such as Lyon and Nice bid for the games.", []),
    ("Valder's NTX Group cut jobs.", ["Valder", "NTX Group"]),
    ("Shares fell on Thursday and Kestrel Energy Corp slipped.", ["Kestrel Energy Corp"]),
    (
        "The Federation of Mining, Maritime and Chemical Workers called a strike.",
        ["Federation of Mining, Maritime and Chemical Workers"],
    ),
]
# Spelled names: a legal form and joiners may be left out or spelled, an acronym may hold a hyphen;
# letters that do not spell the name before them make no name of it.
SPELLED_MORE = [
    ("Harbours of Ruritania Pcl (HOR) cut fees.", ["Harbours of Ruritania Pcl"]),
    ("Assistance Publique-Hôpitaux de Lorvane (AP-HL) said so.", ["Assistance Publique-Hôpitaux de Lorvane"]),
    ("Assistance Publique-Hôpitaux de Lorvane (AP-XY) said so.", []),
]
# Storms, stadiums, streets and salt flats by their first word; a name with two "of"s; a currency
# code before an amount is no part of a name.
LEADING_WORDS = [
    ("Crowds left the Estadio Valmora after Hurricane Zelda hit.", []),
    ("Fans of the Valmora Stadium Company cheered.", ["Valmora Stadium Company"]),
    ("The Court of Appeal of Ruritania ruled.", ["Court of Appeal of Ruritania"]),
    ("The league fined FC Lorvane CHF 80,000 for late payments.", ["FC Lorvane"]),
]
# Failure families seen on pages from the regions the tool is for (issue 17), in made-up shapes.
FAMILIES = [
    # the model reads more of a name than a rule's pattern can (round 9)
    (
        "Trading on the Dar es Salaam Stock Exchange was halted on Friday after the outage.",
        ["Dar es Salaam Stock Exchange"],
    ),
    (
        "The Ministry of Energy and Water Resources of the Republic of Tajikistan said output rose.",
        ["Ministry of Energy and Water Resources of the Republic of Tajikistan"],
    ),
    (
        "The plant belongs to Jiangsu Brightstar Ceramics Group of China, which bought it in 2021.",
        ["Jiangsu Brightstar Ceramics Group"],
    ),
    (
        "The land was leased to Al Noor Holding and Barakah Trading LLC, two Emirati groups, on Monday.",
        ["Al Noor Holding", "Barakah Trading LLC"],
    ),
    (
        "Hanoi Glass Corporation – JSC will build a float glass plant in the province.",
        ["Hanoi Glass Corporation – JSC"],
    ),
    ("The state signed 52 MoUs with MSMEs on Friday.", []),
    # two banks joined by "and" after an of-name; a price glued before a name; a legal name
    # whose own legal form follows "of"; a Kuwaiti joint-stock form (round 10)
    ("The mill borrowed from Bank of Rajkot and Saurashtra Bank last year.", ["Bank of Rajkot", "Saurashtra Bank"]),
    (
        "Zenith Flour Plc fell N2.10 to N61.40 and Amaka Foods Plc gained 30 kobo.",
        ["Zenith Flour Plc", "Amaka Foods Plc"],
    ),
    (
        "The line belongs to Cebu Assembly Co. of Kyowa Inc., which makes capacitors.",
        ["Cebu Assembly Co. of Kyowa Inc."],
    ),
    (
        "Burgan Steel Pipes and Fittings Company KPSC took 40,000 sq m.",
        ["Burgan Steel Pipes and Fittings Company KPSC"],
    ),
    # events: conventions, exhibitions, briefings, a name before "fair" (round 10)
    ("The deals were first shown at the Global Textile Convention in Dhaka in May.", []),
    ("Ortiz said at the Andean Mining Meetings fair in Lima that Volcan Holdings would bid.", ["Volcan Holdings"]),
    ("Officials pitched the zones at the Cambodia Investment Briefing in Seoul.", []),
    # a co-operative's name whole, a plural's apostrophe inside a name, a wire's journalists (round 10)
    (
        "The Sabar District Co-operative Milk Producers' Union Ltd took 12 hectares.",
        ["Sabar District Co-operative Milk Producers' Union Ltd"],
    ),
    ("Andes Lithium shares rose.\n\n(Reporting by Lucia Pardo in Lima; Editing by Tom Ellis)", ["Andes Lithium"]),
    ("Andes Lithium shares rose.\n\n— Additional reporting by Bernama", ["Andes Lithium", "Bernama"]),
    # a number written "No. 5" before the legal form; "State-owned" inside a name
    ("The roads went to Ha Tinh Bridge Building No. 7 JSC last week.", ["Ha Tinh Bridge Building No. 7 JSC"]),
    (
        "Kunshan State-owned Capital Investment Group Co., Ltd. bought the plot.",
        ["Kunshan State-owned Capital Investment Group Co., Ltd."],
    ),
    # a district written as a "New Area"
    ("Hangzhou Robotics will build a plant in the Qianjiang New Area by 2027.", ["Hangzhou Robotics"]),
    # a page's date line; a title with "of"; a letter alone
    (
        "Dara Vuthy | Publication date 02 March 2026 | 10:15 ICT\n\nAngkor Textiles said on Monday it would hire.",
        ["Angkor Textiles"],
    ),
    (
        "The plan, chaired by the Head of Government, went to Atlas Cement Company for approval.",
        ["Atlas Cement Company"],
    ),
    ("Andina Lithium SA said its series B shares rose 2% in Santiago.", ["Andina Lithium SA"]),
    # a nationality before a business acronym, the nationality written alone elsewhere
    ("Thai EV sales doubled. Thai buyers and Thai EV makers cut prices, Krungsri said.", ["Krungsri"]),
    ("Chinese developers lead the list. Chinese EV and data-centre firms bought 40 hectares, WHA said.", ["WHA"]),
    ("Santander UK and Lloyds set aside more for car loans, the bank said.", ["Santander UK", "Lloyds"]),
    ("Sharjah Islamic Bank PJSC will provide Dh240 million of financing.", ["Sharjah Islamic Bank PJSC"]),
    ("BJP MLA Ravi Kumar, whose party backs the plan, said the land was ready.", ["BJP"]),
    ("The biggest pledge came from Suntara, which agreed to put Rs 5,000 crore into a plant.", ["Suntara"]),
    ("Shares of Marlow Estates, listed under the code MRLW, rose 3%.", ["Marlow Estates"]),
    ("The company is building a plant at Ranjangaon, which will be ready by March.", []),
    ("The Opposition Lok Shakti Party (LSP) said the deals had stalled.", ["Lok Shakti Party"]),
    ("BOGOTÁ — Prices rose 3% in March, the statistics office said.", []),
    ("TOKYO - Mizuho Financial Group said on Monday it would buy a stake.", ["Mizuho Financial Group"]),
    (
        "Tata Realty and Godrej Properties will build the towers. Tata Realty said costs rose. "
        "Godrej Properties declined to comment.",
        ["Tata Realty", "Godrej Properties"],
    ),
    ("Exports rose 12% in the first quarter.\n\n-- APS", ["APS"]),
    # a wire's byline before the date, its inputs, a paper after its reporter, a source line with bars
    ("KNS | Mar 3, 2026, 09.10 AM IST\n\nThe board cleared three plants.", ["KNS"]),
    ("The board cleared three plants.\n\n— With additional input from BNA", ["BNA"]),
    ("Rosa Lim - The Cebu Courier\n\nThe board cleared three plants.", ["Cebu Courier"]),
    (
        "Source: Harbin Evening Post | 2026-03-03 | Editor: Li Na\n\nThe board cleared three plants.",
        ["Harbin Evening Post"],
    ),
    ("Exports rose 12% in the first quarter.\n\n-- KPA / Newswire", ["KPA", "Newswire"]),
    ("Exports rose 12%.\n\n— Yonhap\n\nRelated: Ports reopen after the storm", ["Yonhap"]),
    ("[Photo: Delegates at the signing on Tuesday. (Photo/Tanjug)]\n\nExports rose 12%.", ["Tanjug"]),
    ("Source: Harbin Evening Post Author: Li Wei Date: 2025-03-04\n\nExports rose 12%.", ["Harbin Evening Post"]),
    ("The mill will reopen next year, the company said.\n\n(PTI)", ["PTI"]),
    ("The minister toured the new wharf on Tuesday.\n\n— Yu Chao", []),
    # numbers and commas inside names of a known shape; a legal form alone is none
    ("The road went to a venture of Kerubo 12 Builders Ltd and Sinohydro.", ["Kerubo 12 Builders Ltd", "Sinohydro"]),
    ("A plant was opened by Orbita 3D Imaging Co., Ltd. in May.", ["Orbita 3D Imaging Co., Ltd."]),
    ("The line was awarded to Transmisora Sur 2 S.A.C. on Monday.", ["Transmisora Sur 2 S.A.C."]),
    (
        "Parques Norte Industrial, S.A. de C.V. borrowed from Banco Azteca.",
        ["Parques Norte Industrial, S.A. de C.V.", "Banco Azteca"],
    ),
    ("Dong Son Steel JSC signed. The JSC said costs rose.", ["Dong Son Steel JSC"]),
    ("Output rose 8% in May.\nShare: Facebook | X | WhatsApp | Email\nMore news follows.", []),
    ("Shares of Pipe Works of India Ltd rose.", ["Pipe Works of India Ltd"]),  # a place alone with a form is none
    ("Shares of Acme Ltd rose.", ["Acme Ltd"]),
]
# ``and`` inside one name when the model reads one entity and a side could name nothing alone;
# two names when each could (a place or a second head word starts a name of its own).
AND_INSIDE = [
    (
        "The contract went to Hamdan Engineering and Contracting SAOG on Monday.",
        ["Hamdan Engineering and Contracting SAOG"],
    ),
    (
        "Okafor Petroleum Refinery and Petrochemicals FZE said output rose.",
        ["Okafor Petroleum Refinery and Petrochemicals FZE"],
    ),
    ("The Coastal and Port Authority of Mauritius opened the wharf.", ["Coastal and Port Authority of Mauritius"]),
    ("The Ministry of Mines, Energy and Utilities said so.", ["Ministry of Mines, Energy and Utilities"]),
    ("The Export-Import Bank of Mongolia lent $40 million.", ["Export-Import Bank of Mongolia"]),
    (
        "The loans came from State Bank of Kerala and Punjab National Bank.",
        ["State Bank of Kerala", "Punjab National Bank"],
    ),
    ("Loans from Commercial Bank of Egypt and Banque Nile were signed.", ["Commercial Bank of Egypt", "Banque Nile"]),
    ("Harbour Mutual and Allcover both said their teams were ready.", ["Harbour Mutual", "Allcover"]),
]
# A dotted legal form ends a name when another name follows it (a missed sentence break); legal
# forms after a comma close an of-name; a country label before a ministry is no part of it.
LABELS_AND_FORMS = [
    (
        "The plot went to Lumio Land Inc. Terrasol Corp. got approval for an office.",
        ["Lumio Land Inc.", "Terrasol Corp."],
    ),
    ("The loan came from Bank of Xiamen Co., Ltd. on Monday.", ["Bank of Xiamen Co., Ltd."]),
    (
        "The contract went to Qasr Al Noor Engineering & Contracting WLL on Monday.",
        ["Qasr Al Noor Engineering & Contracting WLL"],
    ),
    (
        "The lenders are Bank Sentosa and PT Bank Nusantara Raya Tbk, it said.",
        ["Bank Sentosa", "PT Bank Nusantara Raya Tbk"],
    ),
    (
        "The Bank for Agriculture and Rural Development of Laos lent money.",
        ["Bank for Agriculture and Rural Development of Laos"],
    ),
    ("Officials of the Union Ministry of Steel said so.", ["Ministry of Steel"]),
    ("The Norwegian Ministry of Fisheries said so.", ["Ministry of Fisheries"]),
    ("The Federal Ministry of Works said so.", ["Federal Ministry of Works"]),
    (
        "Loans came from Punjab Mercantile Bank of India and Bank of Mysore on Monday.",
        ["Punjab Mercantile Bank of India", "Bank of Mysore"],
    ),
    ("Nile Delta Bank (Egypt) S.A.E. (NDB), a private lender, said so.", ["Nile Delta Bank (Egypt) S.A.E."]),
    ("Its unit Brno Axles a.s. supplies chassis for artillery.", ["Brno Axles a.s."]),
    (
        "The licence was issued by the Ministry of Water of the Republic of Tajikistan.",
        ["Ministry of Water of the Republic of Tajikistan"],
    ),
    (
        "The plot went to Sylhet Tiles (BD) Ltd and Padma Steel Mills Ltd signed too.",
        ["Sylhet Tiles (BD) Ltd", "Padma Steel Mills Ltd"],
    ),
]
CASES = (
    SAMPLE_PAGE
    + AND_INSIDE
    + LABELS_AND_FORMS
    + GENERAL
    + STRUCTURE
    + HEADLINES
    + WHOLE_NAMES
    + CUED
    + LONGER_NAMES
    + SHORT_FORMS
    + NOT_ORGANISATIONS
    + WORKPLACES
    + HEAD_FIRST
    + ACRONYMS
    + NOT_NAMES
    + SPELLED
    + LISTED
    + OF_LISTS
    + PARENTS
    + MORE_NAMES
    + EXCHANGES
    + NOT_NAMES_MORE
    + POSSESSIVES_AND
    + APPOSITIVES
    + SPELLED_MORE
    + LEADING_WORDS
    + FAMILIES
)


# Made-up sentences the rules were written on with the bare model, which the shipped trained model
# reads otherwise (it tags "2040" as a date, "ROTG" and "Valmora" after a lower-case "industrias" as
# organisations, "Lumex" as a person, misses "Valder" before "'s", takes "Ardent" in apposition as one):
# kept as strict expected failures, so a model or rule that gets them right again shows.
TRAINED_MODEL_GAPS = {
    "In Peru, the industrias of Valmora reported a loss.",
    "Valder's NTX Group cut jobs.",
    "In 2040 Ventures grew.",
    "Kestrel Motors, Ardent, cut prices.",
    "He studied the rules of the game (ROTG) closely.",
    "Operators such as Lumex bid for the line.",
}
CASES = [
    pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason="the trained model reads it otherwise"))
    if text in TRAINED_MODEL_GAPS
    else (text, expected)
    for text, expected in CASES
]


def _records(nlp, config, text):
    return merge(extract(nlp(text), Context(None, config)), "a")


@pytest.mark.parametrize("text,expected", CASES, ids=[(c.values if hasattr(c, "values") else c)[0][:40] for c in CASES])
def test_organisations(nlp, config, text, expected):
    assert [r.value for r in _records(nlp, config, text)] == expected


def test_organisations_never_cross_a_line_break(nlp, config):
    text = "Plaid Inc\n\nAccel Partners led the round with Acme Corp\nand Index Ventures."
    mentions = [m for r in _records(nlp, config, text) for m in r.mentions]
    assert mentions and all("\n" not in m.text for m in mentions)


def test_organisations_headline_mention_in_its_case(nlp, config):
    [rec] = _records(nlp, config, "ACME CORP SHARES JUMP\n\nAcme Corp said on Monday that profits rose.")
    assert [m.text for m in rec.mentions] == ["ACME CORP", "Acme Corp"]


def test_organisations_alias_merged_into_full_name(nlp, config):
    text = "The Shanghai MedValley opened on Friday. The annual output within the MedValley will reach 10 billion yuan."
    [rec] = _records(nlp, config, text)
    assert rec.value == "Shanghai MedValley"
    assert [m.text for m in rec.mentions] == ["Shanghai MedValley", "MedValley"]
    assert rec.aliases == ("MedValley",)


def test_organisations_short_form_is_alias_of_full_name(nlp, config):
    text = "Barrick Gold Corp said it would buy a mine. Barrick shares fell 3% on the news."
    [rec] = _records(nlp, config, text)
    assert rec.value == "Barrick Gold Corp" and rec.aliases == ("Barrick",)


def test_organisations_defined_acronym_is_alias(nlp, config):
    [rec] = _records(nlp, config, "The World Health Organization (WHO) said the WHO would help.")
    assert [m.text for m in rec.mentions] == ["World Health Organization", "WHO", "WHO"]
    assert rec.aliases == ("WHO",)


@pytest.mark.parametrize(
    "text,value,short",
    [
        (
            "Shares fell on the Bolivian Stock Exchange (BBV) on Monday. BBV data showed it.",
            "Bolivian Stock Exchange",
            "BBV",
        ),
        ("In a filing to the Kuwait Exchange (Boursa), Zain said BD2 was paid.", "Kuwait Exchange", "Boursa"),
    ],
)
def test_organisations_bracketed_short_name_in_other_letters_is_alias(nlp, config, text, value, short):
    """One word in brackets right after a name is its short name, even when its letters come
    from another language's words (``Bolsa Boliviana de Valores``)."""
    rec = next(r for r in _records(nlp, config, text) if r.value == value)
    assert short in rec.aliases
    assert short not in [r.value for r in _records(nlp, config, text)]


@pytest.mark.parametrize(
    "text,value,short",
    [
        (
            "PT Sentosa Mineral Raya Tbk, better known as Sentosa Nickel, raised output. Sentosa Nickel shares rose.",
            "PT Sentosa Mineral Raya Tbk",
            "Sentosa Nickel",
        ),
        (
            "Eastern Africa Export Bank Group (EAEB Group) will lend Sh9 billion, EAEB Group said.",
            "Eastern Africa Export Bank Group",
            "EAEB Group",
        ),
    ],
)
def test_organisations_short_name_of_several_words_is_alias(nlp, config, text, value, short):
    rec = next(r for r in _records(nlp, config, text) if r.value == value)
    assert short in rec.aliases
    assert short not in [r.value for r in _records(nlp, config, text)]


def test_organisations_bracketed_place_is_no_alias(nlp, config):
    recs = _records(nlp, config, "Sunrise Foods (Thailand) Co Ltd said exports rose.")
    assert all("Thailand" not in r.aliases for r in recs)


def test_organisations_one_decision_per_surface_string(nlp, config):
    """Cued once, every mention of the name counts, whatever the model said of each."""
    text = "Heineken's chief executive spoke on Monday. Analysts expect Heineken to raise prices."
    [rec] = _records(nlp, config, text)
    assert rec.value == "Heineken" and len(rec.mentions) == 2


def test_organisations_config_alias(nlp, config):
    orgs = replace(config.organisations, aliases={"Fudan University": "Fudan University (Shanghai)"})
    cfg = replace(config, organisations=orgs)
    records = extract(nlp("Fudan University was founded long ago."), Context(None, cfg))
    assert [r.value for r in records] == ["Fudan University (Shanghai)"]


def test_no_committed_organisation_mention_crosses_a_line_break():
    """Every organisation mention in every committed output stays on one line."""
    import json
    from pathlib import Path

    outputs = Path(__file__).resolve().parent.parent / "outputs"
    files = [p for p in outputs.rglob("*.json") if p.name not in ("run.json", "evaluation.json")]
    assert files
    for path in files:
        for rec in json.loads(path.read_text("utf8")).get("records", []):
            if rec["type"] == "organisation":
                for m in rec["mentions"]:
                    assert "\n" not in m["text"], (path.name, m["text"])


@pytest.mark.parametrize(
    "name",
    ["Democratic Republic of the Congo", "Democratic Republic of Congo", "Republic of Korea", "Tanzania"],
)
def test_country_names_as_news_writes_them_are_regions(name):
    """pycountry's ``Congo, The Democratic Republic of the`` turned round, with and without the
    ``the`` news drops: neither is an organisation whatever the model says."""
    from pipeline.knowledge import places

    assert places.is_region(name)
    assert not places.is_region("Bank of the Congo")


def test_a_name_never_ends_in_a_function_word(nlp):
    """The model may run a name into the amount after it ("... Airport for Dh1.6 billion"): the
    piece before the number keeps no trailing "for"."""
    from pipeline.extractors.organisations.spans import trim

    doc = nlp("A plot next to Zayed International Airport for cash.")
    start = [t.text for t in doc].index("Zayed")
    end = [t.text for t in doc].index("for") + 1
    assert doc[slice(*trim(doc, start, end))].text == "Zayed International Airport"
