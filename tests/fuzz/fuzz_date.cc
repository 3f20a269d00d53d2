// Fuzz target: the date normaliser (partial dates and ranges) and Reuters-21578's date and text
// decoding. Properties: an accepted date prints back to a string that parses to the same date;
// an accepted range likewise; a rejected one says why; decoded Reuters text is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/document.h"
#include "indexer/import_reuters.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string why;
  if (const auto d = annosearch::PartialDate::parse(text, &why)) {
    const std::string printed = d->to_string();
    const auto again = annosearch::PartialDate::parse(printed);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->to_string() == printed);
  } else {
    FUZZ_CHECK(!why.empty());
  }
  std::string range_why;
  if (const auto r = annosearch::DateRange::parse(text, &range_why)) {
    const std::string printed = r->to_string();
    const auto again = annosearch::DateRange::parse(printed);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->to_string() == printed);
  } else {
    FUZZ_CHECK(!range_why.empty());
  }
  const std::string decoded = annosearch::decode_reuters_text(text);
  FUZZ_CHECK(annosearch::is_valid_utf8(decoded));
  FUZZ_CHECK(annosearch::is_valid_utf8(annosearch::reuters_paragraphs(decoded)));
  std::string reuters_why;
  if (!annosearch::parse_reuters_date(decoded, &reuters_why)) FUZZ_CHECK(!reuters_why.empty());
  return 0;
}
