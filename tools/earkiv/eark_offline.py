"""Runs PyPI's eark-validator (1.1.x) without the network.

eark-validator fetches the CSIP vocabularies from https://earkcsip.dilcis.eu/ when its
schematron module is imported; the same files ship inside the package. This serves them from
there and refuses every other URL, then runs the validator's command line:

    python eark_offline.py -r PACKAGE_DIR
"""
import sys
import urllib.request
from importlib.resources import files

_VOCABULARIES = ('https://earkcsip.dilcis.eu/schema/', 'https://earksip.dilcis.eu/schema/')


def _offline(url, *args, **kwargs):
    address = url if isinstance(url, str) else url.full_url
    if address.startswith(_VOCABULARIES):
        name = address.rsplit('/', 1)[1]
        return files('eark_validator.ipxml.resources.vocabs').joinpath(name).open('rb')
    raise OSError(f'network disabled: {address}')


urllib.request.urlopen = _offline

from eark_validator.cli.app import main  # noqa: E402  (after the patch, on purpose)

sys.exit(main())
