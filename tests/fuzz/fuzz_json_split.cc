// Fuzz target: splitting a .json file (one document, an array of documents, or a themes file) into
// records. Properties: every record and every problem names a line of the input (1..lines), every
// record's column is at least 1, nothing throws.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "indexer/reader_json_split.h"
#include "tests/fuzz/fuzz_check.h"

using annosearch::Severity;
using annosearch::reader_detail::JsonFileShape;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t lines = 1;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  for (const auto shape : {JsonFileShape::kDocuments, JsonFileShape::kThemes}) {
    std::istringstream in(text);
    std::size_t total = 0;
    annosearch::reader_detail::split_json_records(
        in, shape,
        [&](std::string&& record, std::size_t line, std::size_t column) {
          FUZZ_CHECK(line >= 1 && line <= lines);
          FUZZ_CHECK(column >= 1);
          total += record.size();
        },
        [&](std::size_t line, Severity, const std::string&, const std::string& message) {
          FUZZ_CHECK(line >= 1 && line <= lines);
          FUZZ_CHECK(!message.empty());
        });
    FUZZ_CHECK(total <= text.size());  // records are pieces of the input
  }
  return 0;
}
