// The bundled corpus and its seed document: it validates clean, its text is the seed text byte for
// byte, and its gold annotations are complete and agree with the text and the registry.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/analysis.h"
#include "core/date.h"
#include "indexer/reader.h"
#include "tests/support/run.h"

using annosearch::test::read_file;

namespace {

using annosearch::Document;

constexpr const char* kSeedId = "cabar-2021-12-tajikistan-taliban";

struct LoadedCorpus {
  annosearch::Corpus corpus;
  std::vector<Document> documents;
  std::vector<std::string> diagnostics;
};

LoadedCorpus load_bundled_corpus() {
  LoadedCorpus out;
  annosearch::InputOptions options;
  options.inputs = {annosearch::test::source_path("corpus")};
  annosearch::Diagnostics diagnostics;
  out.corpus = annosearch::open_corpus(options, diagnostics);
  annosearch::scan_documents(out.corpus, diagnostics,
                             [&](Document&& doc, const annosearch::RecordLocation&) {
                               out.documents.push_back(std::move(doc));
                             });
  for (const auto& d : diagnostics.all()) out.diagnostics.push_back(d.format());
  return out;
}

const Document* find_seed(const LoadedCorpus& loaded) {
  for (const auto& d : loaded.documents) {
    if (d.id == kSeedId) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the bundled corpus validates with no errors and no warnings", "[seed]") {
  const LoadedCorpus loaded = load_bundled_corpus();
  CHECK(loaded.diagnostics == std::vector<std::string>{});
  REQUIRE(find_seed(loaded) != nullptr);
}

TEST_CASE("the seed document is the seed text byte for byte with its metadata", "[seed]") {
  const LoadedCorpus loaded = load_bundled_corpus();
  const Document* seed = find_seed(loaded);
  REQUIRE(seed != nullptr);
  const std::string text =
      read_file(annosearch::test::source_path("corpus/seed/000_fe59a55763c126ce.txt"));
  CHECK(seed->text == text);
  CHECK(seed->title == text.substr(0, text.find('\n')));
  REQUIRE(seed->date.has_value());
  CHECK(seed->date->to_string() == "2021-12");
  CHECK(seed->date->precision == annosearch::DatePrecision::kMonth);
  CHECK(seed->source == "CABAR.asia");
  CHECK(seed->language == "en");
  CHECK_FALSE(seed->url.empty());
}

TEST_CASE("every mention in the seed is its entity's name or an alias", "[seed]") {
  const LoadedCorpus loaded = load_bundled_corpus();
  const Document* seed = find_seed(loaded);
  REQUIRE(seed != nullptr);
  REQUIRE_FALSE(seed->entities.empty());
  std::size_t mentions = 0;
  for (const auto& ann : seed->entities) {
    const annosearch::Entity* entity = loaded.corpus.registry.find(ann.id);
    INFO("entity " << ann.id);
    REQUIRE(entity != nullptr);
    CHECK(ann.source == "gold");
    std::set<std::string> names{annosearch::fold(entity->name)};
    for (const auto& alias : entity->aliases) names.insert(annosearch::fold(alias));
    for (const auto& m : ann.mentions) {
      const std::string surface = annosearch::substr_code_points(seed->text, m.start, m.end);
      INFO("mention " << m.start << ".." << m.end << " \"" << surface << "\"");
      CHECK(names.count(annosearch::fold(surface)) == 1);
      // A mention lies within one passage and does not start or end inside a word's spaces.
      CHECK(surface.find('\n') == std::string::npos);
      CHECK(surface.front() != ' ');
      CHECK(surface.back() != ' ');
      ++mentions;
    }
  }
  CHECK(mentions > 100);  // the gold annotation of a 1,900-word article is not a sample
}

TEST_CASE("every passage of the seed has at least one theme", "[seed]") {
  const LoadedCorpus loaded = load_bundled_corpus();
  const Document* seed = find_seed(loaded);
  REQUIRE(seed != nullptr);
  const auto passages = annosearch::split_passages(seed->text);
  REQUIRE(passages.size() == 54);
  std::set<int> themed;
  for (const auto& t : seed->themes) {
    INFO("theme " << t.id);
    CHECK(loaded.corpus.taxonomy.find(t.id) != nullptr);
    if (t.passages.empty()) {
      for (const auto& p : passages) themed.insert(p.n);
    }
    themed.insert(t.passages.begin(), t.passages.end());
  }
  for (const auto& p : passages) {
    INFO("passage " << p.n);
    CHECK(themed.count(p.n) == 1);
  }
}

TEST_CASE("every date in the seed parses and covers its expression", "[seed]") {
  // Read the raw file, so this holds whatever the reader does with dates.
  const auto raw = nlohmann::json::parse(read_file(
      annosearch::test::source_path("corpus/documents/cabar-2021-12-tajikistan-taliban.json")));
  const std::string text = raw.at("text").get<std::string>();
  const std::size_t length = annosearch::count_code_points(text);
  REQUIRE(raw.at("dates").is_array());
  REQUIRE_FALSE(raw.at("dates").empty());
  for (const auto& d : raw.at("dates")) {
    const std::string value = d.at("value").get<std::string>();
    const auto start = d.at("start").get<std::size_t>();
    const auto end = d.at("end").get<std::size_t>();
    INFO(value << " at " << start << ".." << end);
    std::string why;
    CHECK(annosearch::DateRange::parse(value, &why).has_value());
    CHECK(why.empty());
    CHECK(start < end);
    CHECK(end <= length);
  }
  // The seed's own dates, normalised against its publication month (docs/annotation-guidelines.md).
  std::set<std::string> values;
  for (const auto& d : raw.at("dates")) values.insert(d.at("value").get<std::string>());
  CHECK(values.count("2021-12-09") == 1);  // "On December 9"
  CHECK(values.count("2021-11-28") == 1);
  CHECK(values.count("2021-05") == 1);  // "in May"
}
