// Fuzz target: one line of an entity registry and one theme record. Properties: diagnostics name
// line 1; an accepted entity or theme round-trips through its JSON form; nothing throws.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json.h"
#include "indexer/reader.h"
#include "indexer/reader_rules.h"
#include "tests/fuzz/fuzz_check.h"

using annosearch::Diagnostics;
using annosearch::reader_detail::RecordSink;
using annosearch::reader_detail::RecordUnit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  Diagnostics diagnostics;
  RecordSink sink{diagnostics, "entities.jsonl", 1, "", 0, 1};
  if (const auto record = annosearch::reader_detail::parse_record(raw, RecordUnit::kLine, sink)) {
    if (const auto entity = annosearch::reader_detail::check_entity(*record, sink)) {
      if (sink.errors == 0) {
        const std::string once = annosearch::to_json(*entity).dump();
        const auto again = annosearch::entity_from_json(nlohmann::json::parse(once));
        FUZZ_CHECK(annosearch::to_json(again).dump() == once);
      }
    }
    Diagnostics theme_diagnostics;
    RecordSink theme_sink{theme_diagnostics, "themes.json", 1, "", 0, 1};
    if (const auto theme = annosearch::reader_detail::check_theme(*record, theme_sink)) {
      if (theme_sink.errors == 0) {
        const std::string once = annosearch::to_json(*theme).dump();
        const auto again = annosearch::theme_from_json(nlohmann::json::parse(once));
        FUZZ_CHECK(annosearch::to_json(again).dump() == once);
      }
    }
    for (const auto& d : theme_diagnostics.all()) FUZZ_CHECK(d.line == 1);
  }
  for (const auto& d : diagnostics.all()) {
    FUZZ_CHECK(d.line == 1);
    FUZZ_CHECK(d.format().find('\n') == std::string::npos);
  }
  return 0;
}
