// Fuzz target: the annotator (indexer/annotator.h: entities, dates through date_extract.h, themes)
// on documents the corpus reader accepts.
//
// Input: a JSON Lines record when it starts with '{' (so the document may carry its own, "gold",
// annotations), otherwise the text of a document without annotations (valid UTF-8 only: the
// reader rejects anything else before the annotator sees it). The registry and taxonomy are small
// and built here: names shared by several entities (a capital and its country, demonyms, a
// language), an all-capital alias, an alias with a common noun ("the West"), Cyrillic names, and
// theme keywords with prefixes and phrases.
//
// Properties, after annotate():
// - the document still validates through the corpus reader's rules without an error (so every
//   span lies inside the text, within one passage, every id is known, every date is a valid
//   value of the corpus format, every weight and confidence in range);
// - every automatic mention covers whole words of the text (its ends fall on the annotator's own
//   word boundaries, never inside a word or a character), and its words are a run of the words of
//   the linked entity's name or one of its aliases, compared by their matching keys (folded and
//   transliterated): the span normalises to a name of the entity it links;
// - what the input had is unchanged: every entity annotation, date and theme of the input is in
//   the output as it was;
// - annotating the result again adds nothing and changes nothing (idempotent).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/json.h"
#include "indexer/annotator.h"
#include "indexer/annotator_text.h"
#include "indexer/reader.h"
#include "indexer/reader_rules.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using annosearch::Diagnostics;
using annosearch::Document;
using annosearch::reader_detail::DocumentChecker;
using annosearch::reader_detail::RecordSink;
using annosearch::reader_detail::RecordUnit;

annosearch::Entity entity(const std::string& id, const std::string& name, const std::string& type,
                          std::vector<std::string> aliases,
                          std::vector<annosearch::Relation> related = {}) {
  annosearch::Entity e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  e.related = std::move(related);
  return e;
}

const annosearch::Registry& registry() {
  static const annosearch::Registry r = [] {
    annosearch::Registry reg;
    reg.put(entity("tajikistan", "Tajikistan", "GPE", {"Tajik", "Tajikistani", "Dushanbe"},
                   {{"capital", "dushanbe"}}));
    reg.put(entity("dushanbe", "Dushanbe", "GPE", {"Душанбе"}, {{"capital-of", "tajikistan"}}));
    reg.put(entity("tajiks", "Tajiks", "NORP", {"Tajik", "Tajik people"},
                   {{"associated-with", "tajikistan"}}));
    reg.put(entity("tajik-language", "Tajik language", "LANGUAGE", {"Tajik"}));
    reg.put(entity("russia", "Russia", "GPE", {"Russian", "Moscow", "Россия"}));
    reg.put(entity("russian-foreign-ministry", "Russian Foreign Ministry", "ORG", {},
                   {{"part-of", "russia"}}));
    reg.put(entity("emomali-rahmon", "Emomali Rahmon", "PERSON",
                   {"Rahmon", "Rakhmon", "Эмомали Рахмон"}));
    reg.put(entity("united-nations", "United Nations", "ORG", {"UN"}));
    reg.put(entity("west", "the West", "LOC", {"West", "Western"}));
    reg.put(entity("taliban", "Taliban", "ORG", {"Taleban"}));
    reg.put(entity("georgia", "Georgia", "GPE", {}, {{"capital", "tbilisi"}}));
    reg.put(entity("tbilisi", "Tbilisi", "GPE", {}, {{"capital-of", "georgia"}}));
    reg.put(entity("georgia-us", "Georgia", "GPE", {}, {{"located-in", "united-states"}}));
    reg.put(entity("united-states", "United States", "GPE", {"U.S.", "USA"}));
    return reg;
  }();
  return r;
}

const annosearch::Taxonomy& taxonomy() {
  static const annosearch::Taxonomy t = [] {
    annosearch::Taxonomy tax;
    annosearch::Theme th;
    th.id = "humanitarian";
    th.label = "Humanitarian crisis";
    th.keywords = {"humanitarian"};
    tax.put(th);
    th.id = "refugees";
    th.label = "Refugees";
    th.parent = "humanitarian";
    th.keywords = {"refugee*", "asylum seekers", "беженц*"};
    tax.put(th);
    th.id = "trade";
    th.label = "Trade";
    th.parent = "";
    th.keywords = {"trade", "exports"};
    tax.put(th);
    return tax;
  }();
  return t;
}

const annosearch::Annotator& annotator() {
  static const annosearch::Annotator a(registry(), taxonomy());
  return a;
}

// The document a record gives when the reader accepts it without an error.
std::optional<Document> read(const std::string& raw) {
  Diagnostics diagnostics;
  RecordSink sink{diagnostics, "f.jsonl", 1, "", 0, 1};
  DocumentChecker checker(registry(), taxonomy());
  const auto record = annosearch::reader_detail::parse_record(raw, RecordUnit::kLine, sink);
  if (!record) return std::nullopt;
  Document doc = checker.check(*record, sink);
  if (sink.errors > 0) return std::nullopt;
  return doc;
}

std::string json(const Document& doc) { return annosearch::to_json(doc).dump(); }

// The matching keys of the words of a text.
std::vector<std::string> keys(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : annosearch::annotation_tokens(text)) {
    out.push_back(annosearch::match_key(t.folded));
  }
  return out;
}

// `run` is a contiguous run of `whole`.
bool is_run_of(const std::vector<std::string>& run, const std::vector<std::string>& whole) {
  if (run.empty() || run.size() > whole.size()) return false;
  for (std::size_t i = 0; i + run.size() <= whole.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < run.size() && all; ++k) all = whole[i + k] == run[k];
    if (all) return true;
  }
  return false;
}

bool same_entity(const annosearch::EntityAnnotation& a, const annosearch::EntityAnnotation& b) {
  if (a.id != b.id || a.source != b.source || a.confidence != b.confidence ||
      a.mentions.size() != b.mentions.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.mentions.size(); ++i) {
    if (a.mentions[i].start != b.mentions[i].start || a.mentions[i].end != b.mentions[i].end) {
      return false;
    }
  }
  return true;
}

bool overlap(const annosearch::Span& a, const annosearch::Span& b) {
  return a.start < b.end && b.start < a.end;
}

void check_mentions(const Document& doc, const Document& before) {
  const auto tokens = annosearch::annotation_tokens(doc.text);
  std::set<std::size_t> starts;
  std::set<std::size_t> stops;
  for (const auto& t : tokens) {
    starts.insert(t.start);
    stops.insert(t.stop);
  }
  std::set<std::string> listed;  // entities the input lists: left as they are, never added to
  std::vector<annosearch::Span> taken;  // every mention so far: automatic ones never overlap
  for (const auto& e : before.entities) {
    listed.insert(e.id);
    taken.insert(taken.end(), e.mentions.begin(), e.mentions.end());
  }
  for (std::size_t i = before.entities.size(); i < doc.entities.size(); ++i) {
    const auto& e = doc.entities[i];
    FUZZ_CHECK(e.source == "auto");
    FUZZ_CHECK(listed.count(e.id) == 0);
    listed.insert(e.id);
    FUZZ_CHECK(e.confidence.has_value() && *e.confidence > 0 && *e.confidence <= 1);
    for (const auto& m : e.mentions) {
      for (const auto& t : taken) FUZZ_CHECK(!overlap(m, t));
    }
    taken.insert(taken.end(), e.mentions.begin(), e.mentions.end());
    const annosearch::Entity* known = registry().find(e.id);
    FUZZ_CHECK(known != nullptr);
    std::vector<std::vector<std::string>> names{keys(known->name)};
    for (const auto& alias : known->aliases) names.push_back(keys(alias));
    for (const auto& m : e.mentions) {
      FUZZ_CHECK(starts.count(m.start) == 1 && stops.count(m.end) == 1);
      const std::string surface = annosearch::substr_code_points(doc.text, m.start, m.end);
      const auto surface_keys = keys(surface);
      bool named = false;
      for (const auto& n : names) named = named || is_run_of(surface_keys, n);
      if (!named) {
        std::fprintf(stderr, "mention \"%s\" [%zu,%zu) is no name of %s\n", surface.c_str(),
                     m.start, m.end, e.id.c_str());
      }
      FUZZ_CHECK(named);
    }
  }
}

void check(const Document& input) {
  Document doc = input;
  (void)annotator().annotate(doc);
  const std::string annotated = json(doc);

  // Valid as the corpus reader reads it.
  Diagnostics diagnostics;
  RecordSink sink{diagnostics, "f.jsonl", 1, "", 0, 1};
  DocumentChecker checker(registry(), taxonomy());
  const auto record = annosearch::reader_detail::parse_record(annotated, RecordUnit::kLine, sink);
  FUZZ_CHECK(record.has_value());
  (void)checker.check(*record, sink);
  if (sink.errors > 0) {
    std::fprintf(stderr, "annotated document does not validate: %s\n", annotated.c_str());
    for (const auto& d : diagnostics.all()) std::fprintf(stderr, "  %s\n", d.format().c_str());
  }
  FUZZ_CHECK(sink.errors == 0);

  // What the input had is kept as it was, first and in order.
  FUZZ_CHECK(doc.entities.size() >= input.entities.size());
  for (std::size_t i = 0; i < input.entities.size(); ++i) {
    FUZZ_CHECK(same_entity(doc.entities[i], input.entities[i]));
  }
  for (const auto& d : input.dates) {
    bool kept = false;
    for (const auto& o : doc.dates) {
      kept = kept || (o.span.start == d.span.start && o.span.end == d.span.end &&
                      o.value.to_string() == d.value.to_string() && o.source == d.source &&
                      o.confidence == d.confidence);
    }
    FUZZ_CHECK(kept);
  }
  if (!input.themes.empty()) {
    FUZZ_CHECK(annosearch::to_json(doc)["themes"] == annosearch::to_json(input)["themes"]);
  }
  FUZZ_CHECK(doc.text == input.text);
  // Automatic dates only where the input has none overlapping.
  for (const auto& d : doc.dates) {
    if (d.source != "auto") continue;
    for (const auto& g : input.dates) FUZZ_CHECK(!overlap(d.span, g.span));
  }

  check_mentions(doc, input);

  // Idempotent.
  Document again = doc;
  const auto counts = annotator().annotate(again);
  if (!counts.empty() || json(again) != annotated) {
    std::fprintf(stderr, "annotating again changed\n%s\ninto\n%s\n", annotated.c_str(),
                 json(again).c_str());
  }
  FUZZ_CHECK(counts.empty());
  FUZZ_CHECK(json(again) == annotated);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  if (!raw.empty() && raw.front() == '{') {
    if (raw.find('\n') != std::string::npos) return 0;  // one JSON Lines record is one line
    if (const auto doc = read(raw)) check(*doc);
    return 0;
  }
  if (!annosearch::is_valid_utf8(raw)) return 0;
  nlohmann::json record{{"id", "fuzz"}, {"text", raw}, {"language", "en"}};
  if (const auto doc = read(record.dump())) check(*doc);
  return 0;
}
