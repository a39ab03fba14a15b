"""Lists where the installed Python `phonenumbers` metadata differs from data/libphonenumber/ (the XML that
build.rs compiles in), so that parity expectations come from the same numbering plans as hotline.

    python3 tests/tools/metadata_diff.py      # prints the differences; exit status 1 if there are any

Compared: every territory's patterns per number type (long) and per short-number kind, its international,
national and parsing prefixes, transform rule, main-country flag, and formats (pattern, format, leading
digits). A refresh of the XML needs the `phonenumbers` release built from the same libphonenumber commit:
try releases around its date until this prints nothing.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from phonenumbers.phonemetadata import PhoneMetadata

DATA = Path(__file__).resolve().parents[2] / "data" / "libphonenumber"

# XML element -> attribute of phonenumbers' PhoneMetadata.
LONG_DESCS = {
    "generalDesc": "general_desc", "fixedLine": "fixed_line", "mobile": "mobile", "tollFree": "toll_free",
    "premiumRate": "premium_rate", "sharedCost": "shared_cost", "personalNumber": "personal_number",
    "voip": "voip", "pager": "pager", "uan": "uan", "voicemail": "voicemail",
    "noInternationalDialling": "no_international_dialling",
}
SHORT_DESCS = {
    "generalDesc": "general_desc", "shortCode": "short_code", "emergency": "emergency", "tollFree": "toll_free",
    "standardRate": "standard_rate", "premiumRate": "premium_rate", "carrierSpecific": "carrier_specific",
    "smsServices": "sms_services",
}
PREFIXES = {
    "internationalPrefix": "international_prefix", "nationalPrefix": "national_prefix",
    "nationalPrefixForParsing": "national_prefix_for_parsing",
}


def compact(pattern):
    """White space in the XML's patterns is layout only."""
    return re.sub(r"\s+", "", pattern) if pattern else None


def python_rule(rule):
    """The XML writes group references as `$1`, phonenumbers as `\\1`."""
    return rule.replace("$", "\\") if rule else None


def territory_diffs(territory, metadata, descs):
    for element, attribute in descs.items():
        desc = territory.find(element)
        xml = compact(desc.findtext("nationalNumberPattern")) if desc is not None else None
        ours = getattr(metadata, attribute, None)
        if xml != compact(ours.national_number_pattern if ours is not None else None):
            yield element


def long_diffs(territory, metadata):
    yield from territory_diffs(territory, metadata, LONG_DESCS)
    for xml_name, attribute in PREFIXES.items():
        xml = compact(territory.get(xml_name))
        # Without a parsing prefix, phonenumbers copies the national prefix into it.
        if xml_name == "nationalPrefixForParsing" and xml is None:
            continue
        if xml != compact(getattr(metadata, attribute)):
            yield xml_name
    if python_rule(territory.get("nationalPrefixTransformRule")) != metadata.national_prefix_transform_rule:
        yield "nationalPrefixTransformRule"
    if (territory.get("mainCountryForCode") == "true") != bool(metadata.main_country_for_code):
        yield "mainCountryForCode"
    xml_formats = [
        (compact(f.get("pattern")), python_rule(f.findtext("format")),
         [compact(d.text) for d in f.findall("leadingDigits")])
        for f in territory.iter("numberFormat")
    ]
    formats = [
        (compact(f.pattern), f.format, [compact(d) for d in f.leading_digits_pattern])
        for f in metadata.number_format
    ]
    if xml_formats != formats:
        yield "availableFormats"


def differences():
    """(file, territory, what) for everything that differs."""
    for territory in ET.parse(DATA / "PhoneNumberMetadata.xml").getroot().iter("territory"):
        rid, code = territory.get("id"), territory.get("countryCode")
        if rid == "001":
            metadata = PhoneMetadata.metadata_for_nongeo_region(int(code))
        else:
            metadata = PhoneMetadata.metadata_for_region(rid)
        name = f"{rid} +{code}"
        if metadata is None:
            yield ("long", name, "missing")
        else:
            for what in long_diffs(territory, metadata):
                yield ("long", name, what)
    for territory in ET.parse(DATA / "ShortNumberMetadata.xml").getroot().iter("territory"):
        metadata = PhoneMetadata.short_metadata_for_region(territory.get("id"))
        if metadata is None:
            yield ("short", territory.get("id"), "missing")
        else:
            for what in territory_diffs(territory, metadata, SHORT_DESCS):
                yield ("short", territory.get("id"), what)


if __name__ == "__main__":
    found = list(differences())
    for line in found:
        print(*line)
    sys.exit(1 if found else 0)
