"""Generates tests/cases/parity.jsonl: how libphonenumber (Python `phonenumbers`) reads example numbers.

Two sections, one line per input; `tests/parity.rs` compares each line with hotline.
- "long": for every region, non-geographic entity (+800, +808, ...) and number type with an example number,
  three inputs: the example as written nationally (internationally for a non-geographic entity, which has no
  national form), one digit longer, one digit shorter. Each line records libphonenumber's verdict: valid?
  E.164, type and region of the number.
- "short": for every region's short-number example of each kind, the example, one digit longer and one
  shorter, with what `phonenumbers.shortnumberinfo` says about it in that region: does it match the general
  pattern, is it valid, its expected cost, is it an emergency number, carrier-specific, an SMS service.

Regenerate with the `phonenumbers` release whose metadata is data/libphonenumber/ (the script refuses any
other: see tests/tools/metadata_diff.py):
`pip install phonenumbers==9.0.35 && python3 tests/tools/gen_parity.py > tests/cases/parity.jsonl`
"""
import json
import sys

import phonenumbers as pn
from phonenumbers import PhoneNumberType as T
from phonenumbers import ShortNumberCost as Cost
from phonenumbers import shortnumberinfo as short
from phonenumbers.phonemetadata import PhoneMetadata

from metadata_diff import differences

TYPES = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.TOLL_FREE: "toll_free",
    T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost", T.VOIP: "voip",
    T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager", T.UAN: "uan", T.VOICEMAIL: "voicemail",
    T.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
}
# The number types with example numbers, for non-geographic entities (attributes of phonenumbers'
# PhoneMetadata).
LONG_KINDS = ["fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "voip", "personal_number",
              "pager", "uan", "voicemail"]
# The short-number kinds with example numbers (attributes of phonenumbers' PhoneMetadata).
SHORT_KINDS = ["short_code", "emergency", "toll_free", "standard_rate", "premium_rate", "carrier_specific",
               "sms_services"]
COSTS = {Cost.TOLL_FREE: "toll_free", Cost.STANDARD_RATE: "standard_rate", Cost.PREMIUM_RATE: "premium_rate",
         Cost.UNKNOWN_COST: "unknown"}


def emit(line):
    print(json.dumps(line, ensure_ascii=False))


def long_case(region, text, variant, country_code=None):
    try:
        n = pn.parse(text, region)
        valid = pn.is_valid_number(n)
    except pn.NumberParseException:
        valid = False
    line = {"section": "long", "region": region or "001", "input": text, "variant": variant, "valid": valid}
    if country_code is not None:
        line["country_code"] = country_code
    if valid:
        line["e164"] = pn.format_number(n, pn.PhoneNumberFormat.E164)
        line["type"] = TYPES.get(pn.number_type(n), "unknown")
        line["number_region"] = pn.region_code_for_number(n)
    emit(line)


def long_cases():
    for region in sorted(pn.SUPPORTED_REGIONS):
        for t in TYPES:
            ex = pn.example_number_for_type(region, t)
            if ex is None or t == T.FIXED_LINE_OR_MOBILE:
                continue
            national = pn.format_number(ex, pn.PhoneNumberFormat.NATIONAL)
            digits = "".join(c for c in national if c.isdigit())
            for variant, text in (("example", national), ("longer", national + "7"), ("shorter", digits[:-1])):
                long_case(region, text, variant)
    for code in sorted(pn.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        examples = sorted({d.example_number for d in (getattr(metadata, k) for k in LONG_KINDS)
                           if d is not None and d.example_number})
        for example in examples:
            ex = pn.parse(f"+{code}{example}", None)
            international = pn.format_number(ex, pn.PhoneNumberFormat.INTERNATIONAL)
            for variant, text in (("example", international), ("longer", international + "7"),
                                  ("shorter", international[:-1])):
                long_case(None, text, variant, country_code=code)


def short_number(digits, region):
    """The short number exactly as written: national_significant_number gives back `digits`."""
    n = pn.PhoneNumber(country_code=pn.country_code_for_region(region), national_number=int(digits))
    zeros = len(digits) - len(str(int(digits)))
    if zeros:
        n.italian_leading_zero = True
        n.number_of_leading_zeros = zeros
    assert pn.national_significant_number(n) == digits, digits
    return n


def short_cases():
    for region in sorted(short.SUPPORTED_SHORT_REGIONS):
        metadata = PhoneMetadata.short_metadata_for_region(region)
        examples = sorted({d.example_number for d in (getattr(metadata, k) for k in SHORT_KINDS)
                           if d is not None and d.example_number})
        for example in examples:
            for variant, digits in (("example", example), ("longer", example + "7"), ("shorter", example[:-1])):
                if not digits:
                    continue
                n = short_number(digits, region)
                emit({
                    "section": "short", "region": region, "input": digits, "variant": variant,
                    # libphonenumber's own first step of validity: the general pattern, at a listed length.
                    "possible": short._matches_possible_number_and_national_number(digits, metadata.general_desc),
                    "valid": short.is_valid_short_number_for_region(n, region),
                    "cost": COSTS[short.expected_cost_for_region(n, region)],
                    "emergency": short.is_emergency_number(digits, region),
                    "carrier_specific": short.is_carrier_specific_for_region(n, region),
                    "sms_service": short.is_sms_service_for_region(n, region),
                })


if __name__ == "__main__":
    differ = list(differences())
    if differ:
        sys.exit(f"phonenumbers {pn.__version__} has other metadata than data/libphonenumber/ "
                 f"({len(differ)} differences, first {differ[0]}): run tests/tools/metadata_diff.py")
    long_cases()
    short_cases()
