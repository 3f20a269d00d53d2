// Targeted re-annotation: a registry or taxonomy change re-annotates and reindexes only the
// documents it can affect. The corpus is six one-line documents without annotations (d6 has a
// gold Taliban, d7 a dateline); which documents each change can affect, and which of them change,
// were worked out by hand from the texts below.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/index.h"
#include "core/schema.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::TempDir;
using nlohmann::json;

const char* const kRegistry =
    R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":[]}
{"id":"taliban","name":"Taliban","type":"ORG","aliases":[]}
{"id":"russia","name":"Russia","type":"GPE","aliases":[]}
)";

// The one change: Russia gains the alias "Moscow".
const char* const kRegistryMoscow =
    R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":[]}
{"id":"taliban","name":"Taliban","type":"ORG","aliases":[]}
{"id":"russia","name":"Russia","type":"GPE","aliases":["Moscow"]}
)";

const char* const kThemes =
    R"({"themes":[{"id":"security","label":"Security","description":"d","keywords":["threat*"]}]})";
const char* const kThemesHelp =
    R"({"themes":[{"id":"security","label":"Security","description":"d","keywords":["threat*","help"]}]})";

const char* const kDocs =
    R"({"id":"d1","text":"Moscow said the talks would go on."})"
    "\n"
    R"({"id":"d2","text":"The Kremlin and Russia spoke."})"
    "\n"
    R"({"id":"d3","text":"Tajikistan and the Taliban met."})"
    "\n"
    R"({"id":"d4","text":"Officials of Moscow said Russia would help."})"
    "\n"
    R"({"id":"d5","text":"Markets were calm despite the threat."})"
    "\n"
    R"({"id":"d6","text":"Moscow warned the Taliban.","entities":[{"id":"taliban","mentions":[{"start":18,"end":25}],"source":"gold"}]})"
    "\n"
    R"({"id":"d7","dateline":"TAJIKISTAN, May 1 -","text":"Moscow spoke."})"
    "\n";

// Xapian document id of each article: a reindexed document gets a new one.
std::map<std::string, Xapian::docid> article_docids(const std::string& index) {
  const Xapian::Database db = annosearch::open_index(index);
  std::map<std::string, Xapian::docid> out;
  for (const char* id : {"d1", "d2", "d3", "d4", "d5", "d6", "d7"}) {
    const std::string uid = annosearch::schema::article_uid(id);
    auto it = db.postlist_begin(uid);
    out[id] = it == db.postlist_end(uid) ? 0 : *it;
  }
  return out;
}

std::size_t total(const std::string& index, const std::vector<std::string>& args) {
  std::vector<std::string> a{"search", "--index", index, "--format", "json"};
  a.insert(a.end(), args.begin(), args.end());
  const auto r = run_annosearch(a);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out).at("total").get<std::size_t>();
}

struct Fixture {
  TempDir tmp;
  std::string index;
  Fixture() {
    tmp.write("corpus/entities.jsonl", kRegistry);
    tmp.write("corpus/themes.json", kThemes);
    tmp.write("corpus/docs/docs.jsonl", kDocs);
    index = tmp.str("idx");
    const auto b = run_annosearch({"build", tmp.str("corpus"), "--index", index, "-q"});
    INFO(b.err);
    REQUIRE(b.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("a changed alias re-annotates only the documents it can affect", "[e2e][reannotate]") {
  const Fixture f;
  // Before: Russia is found by its name only (d2, d4); Tajikistan in d3 and by d7's dateline.
  CHECK(total(f.index, {"--actor", "russia"}) == 2);
  CHECK(total(f.index, {"--actor", "tajikistan"}) == 2);
  const auto before = article_docids(f.index);

  const auto reg = f.tmp.write("moscow.jsonl", kRegistryMoscow);
  const auto u =
      run_annosearch({"update", "--registry", reg, "--index", f.index, "--format", "json", "-q"});
  INFO(u.err);
  REQUIRE(u.exit_code == 0);
  const json r = json::parse(u.out).at("reannotation");
  CHECK(r.at("mode") == "targeted");
  CHECK(r.at("changed_entities") == json::array({"russia"}));
  // The words "Russia" or "Moscow" (d1, d2, d4, d6, d7), or an automatic russia (d2, d4): 5.
  CHECK(r.at("found") == 5);
  CHECK(r.at("found_by_words") == 5);
  // d1, d4, d6 and d7 gain a Moscow mention; d2 has no Moscow and keeps what it had.
  CHECK(r.at("reannotated") == 4);
  CHECK(r.at("unchanged") == 1);

  const auto after = article_docids(f.index);
  for (const char* id : {"d2", "d3", "d5"}) {
    INFO(id);
    CHECK(after.at(id) == before.at(id));  // not touched
  }
  for (const char* id : {"d1", "d4", "d6", "d7"}) {
    INFO(id);
    CHECK(after.at(id) != before.at(id));  // reindexed
  }
  // The new mentions are there: "Moscow" in d1 (0..6), d4, d6 and d7; d6's gold Taliban kept,
  // and d7's dateline place (tajikistan, a document-level automatic entity) too.
  CHECK(total(f.index, {"--actor", "russia", "--mentioned"}) == 5);
  CHECK(total(f.index, {"--actor", "tajikistan"}) == 2);  // d3 (text), d7 (dateline)
  CHECK(total(f.index, {"--actor", "taliban", "--gold-only"}) == 1);
  const auto kwic = run_annosearch({"kwic", "russia", "--index", f.index, "--format", "json"});
  REQUIRE(kwic.exit_code == 0);
  std::size_t moscow = 0;
  const json lines = json::parse(kwic.out).at("lines");
  for (const auto& line : lines) {
    if (line.at("keyword") == "Moscow") ++moscow;
    if (line.at("id") == "d1") {
      CHECK(line.at("start") == 0);
      CHECK(line.at("end") == 6);
    }
  }
  CHECK(moscow == 4);
  // The index still stands for the input as read: verify agrees, a second update touches nothing.
  const auto again =
      run_annosearch({"update", "--registry", reg, "--index", f.index, "--format", "json", "-q"});
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out).at("reannotation").at("mode") == "unchanged");
  CHECK(article_docids(f.index) == after);
  const auto v = run_annosearch({"verify", "--index", f.index, f.tmp.str("corpus")});
  INFO(v.out << v.err);
  CHECK(v.exit_code == 0);
}

TEST_CASE("a changed theme keyword re-annotates only the documents with its words",
          "[e2e][reannotate]") {
  const Fixture f;
  CHECK(total(f.index, {"--theme", "security"}) == 1);  // d5 ("threat")
  const auto before = article_docids(f.index);
  const auto th = f.tmp.write("themes-help.json", kThemesHelp);
  const auto u =
      run_annosearch({"update", "--themes", th, "--index", f.index, "--format", "json", "-q"});
  INFO(u.err);
  REQUIRE(u.exit_code == 0);
  const json r = json::parse(u.out).at("reannotation");
  CHECK(r.at("changed_themes") == json::array({"security"}));
  // "threat*" (d5) and "help" (d4); d5 also by its automatic security.
  CHECK(r.at("found") == 2);
  CHECK(r.at("reannotated") == 1);  // d4 gains security
  CHECK(r.at("unchanged") == 1);    // d5
  const auto after = article_docids(f.index);
  for (const char* id : {"d1", "d2", "d3", "d5", "d6", "d7"}) {
    INFO(id);
    CHECK(after.at(id) == before.at(id));
  }
  CHECK(after.at("d4") != before.at("d4"));
  CHECK(total(f.index, {"--theme", "security"}) == 2);
}

TEST_CASE("re-annotation is not done for an index built without the annotator",
          "[e2e][reannotate]") {
  TempDir tmp;
  tmp.write("corpus/entities.jsonl", kRegistry);
  tmp.write("corpus/themes.json", kThemes);
  tmp.write("corpus/docs/docs.jsonl", kDocs);
  const std::string index = tmp.str("idx");
  REQUIRE(run_annosearch({"build", tmp.str("corpus"), "--index", index, "--annotate", "off", "-q"})
              .exit_code == 0);
  const auto before = article_docids(index);
  const auto reg = tmp.write("moscow.jsonl", kRegistryMoscow);
  const auto u =
      run_annosearch({"update", "--registry", reg, "--index", index, "--format", "json", "-q"});
  REQUIRE(u.exit_code == 0);
  CHECK(json::parse(u.out).at("reannotation").at("mode") == "not-annotated");
  CHECK(article_docids(index) == before);
}

TEST_CASE("update of the whole archive with a changed registry re-annotates the same documents",
          "[e2e][reannotate]") {
  Fixture f;
  const auto before = article_docids(f.index);
  f.tmp.write("corpus/entities.jsonl", kRegistryMoscow);
  const auto u =
      run_annosearch({"update", f.tmp.str("corpus"), "--index", f.index, "--format", "json", "-q"});
  INFO(u.err);
  REQUIRE(u.exit_code == 0);
  const json j = json::parse(u.out);
  CHECK(j.at("unchanged") == 7);  // every document's input is as it was
  CHECK(j.at("reannotation").at("found") == 5);
  CHECK(j.at("reannotation").at("reannotated") == 4);
  const auto after = article_docids(f.index);
  CHECK(after.at("d3") == before.at("d3"));
  CHECK(after.at("d1") != before.at("d1"));
  CHECK(total(f.index, {"--actor", "russia", "--mentioned"}) == 5);
}
