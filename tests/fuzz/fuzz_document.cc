// Fuzz target: one JSON Lines record through the corpus reader's rules (parse, then every field's
// checks against a small registry and taxonomy). Properties: every diagnostic names the record's
// line (1) and has a message; an accepted document round-trips (its JSON form is accepted again and
// gives the same JSON); nothing throws.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/json.h"
#include "indexer/reader.h"
#include "indexer/reader_rules.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using annosearch::Diagnostics;
using annosearch::reader_detail::DocumentChecker;
using annosearch::reader_detail::RecordSink;
using annosearch::reader_detail::RecordUnit;

const annosearch::Registry& registry() {
  static const annosearch::Registry r = [] {
    annosearch::Registry reg;
    annosearch::Entity e;
    e.id = "taliban";
    e.name = "Taliban";
    e.type = "ORG";
    reg.put(e);
    e.id = "emomali-rahmon";
    e.name = "Emomali Rahmon";
    e.type = "PERSON";
    e.aliases = {"Rahmon"};
    reg.put(e);
    return reg;
  }();
  return r;
}

const annosearch::Taxonomy& taxonomy() {
  static const annosearch::Taxonomy t = [] {
    annosearch::Taxonomy tax;
    annosearch::Theme th;
    th.id = "security";
    th.label = "Security";
    tax.put(th);
    th.id = "border-security";
    th.label = "Border security";
    th.parent = "security";
    tax.put(th);
    return tax;
  }();
  return t;
}

// Checks one record; returns the document's JSON when it was accepted, "" otherwise.
std::string check(const std::string& raw) {
  Diagnostics diagnostics;
  RecordSink sink{diagnostics, "f.jsonl", 1, "", 0, 1};
  DocumentChecker checker(registry(), taxonomy());
  std::string accepted;
  if (const auto record = annosearch::reader_detail::parse_record(raw, RecordUnit::kLine, sink)) {
    const annosearch::Document doc = checker.check(*record, sink);
    if (sink.errors == 0) accepted = annosearch::to_json(doc).dump();
  }
  for (const auto& d : diagnostics.all()) {
    FUZZ_CHECK(d.line == 1);
    FUZZ_CHECK(!d.message.empty());
    FUZZ_CHECK(d.format().find('\n') == std::string::npos);  // one line, always
  }
  return accepted;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  if (raw.find('\n') != std::string::npos) return 0;  // one JSON Lines record is one line
  const std::string first = check(raw);
  if (!first.empty()) FUZZ_CHECK(check(first) == first);
  return 0;
}
