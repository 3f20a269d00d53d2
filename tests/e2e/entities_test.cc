// `annosearch entities`, transliteration and --expand end to end on the seed (issue 7, "Names in
// any form, and relations"). Expected values counted from corpus/entities.jsonl and the gold
// document's mentions (an entity without mentions is on every non-empty passage):
// - emomali-rahmon: mentioned in passages 1, 19, 27, 28 (4 passages, 1 article); its aliases
//   include "Rakhmon", "Рахмон", "Эмомалӣ Раҳмон"; no alias is "Рахмонов" alone.
// - tajikistan: 32 passages; the entities naming it in their `related`: dushanbe (capital-of, 0
//   passages), emomali-rahmon (head-of-state, 4), tajik-language (official-language-of, 1),
//   tajiks (associated-with, 5); the union with tajikistan's own is 36 passages.
// - the Taliban's aliases include the Tajik "Толибон", whose Latin form is "tolibon".
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/e2e/views_fixture.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;
using nlohmann::json;

// The seed index, built once per test process (tests/e2e/views_fixture.h).
const std::string& seed() { return annosearch::test::views_seed_index(); }

json run_json(std::vector<std::string> args) {
  args.insert(args.begin() + 1, {"--index", seed(), "--format", "json"});
  const auto r = run_annosearch(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::vector<std::string> ids(const json& r) {
  std::vector<std::string> out;
  for (const auto& e : r.at("entities")) out.push_back(e.at("id"));
  return out;
}

}  // namespace

TEST_CASE("entities looks names up by prefix in any script, with counts", "[e2e][entities]") {
  const json rakh = run_json({"entities", "Rakh"});
  CHECK(rakh.at("registry") == 43);  // lines of corpus/entities.jsonl
  REQUIRE(ids(rakh) == std::vector<std::string>{"emomali-rahmon"});
  const json& e = rakh.at("entities").at(0);
  CHECK(e.at("name") == "Emomali Rahmon");
  CHECK(e.at("type") == "PERSON");
  CHECK(e.at("via") == "prefix");
  CHECK(e.at("articles") == 1);
  CHECK(e.at("passages") == 4);
  CHECK(e.at("related") == json::parse(R"([{"relation":"head-of-state","id":"tajikistan"}])"));
  CHECK(ids(run_json({"entities", "Рах"})) == std::vector<std::string>{"emomali-rahmon"});
  // An exact name first; the tajikistan entry lists who names it.
  const json taj = run_json({"entities", "Tajikistan"});
  REQUIRE_FALSE(taj.at("entities").empty());
  CHECK(taj.at("entities").at(0).at("id") == "tajikistan");
  CHECK(taj.at("entities").at(0).at("via") == "name");
  CHECK(taj.at("entities").at(0).at("passages") == 32);
  CHECK(taj.at("entities").at(0).at("named_by") ==
        json::parse(R"([{"relation":"capital-of","id":"dushanbe"},
                        {"relation":"head-of-state","id":"emomali-rahmon"},
                        {"relation":"official-language-of","id":"tajik-language"},
                        {"relation":"associated-with","id":"tajiks"}])"));
  // Listing, bounded, and the other formats.
  const json all = run_json({"entities", "--limit", "3"});
  CHECK(ids(all) == std::vector<std::string>{"abdulaziz-kamilov", "afghanistan", "afghans"});
  CHECK(all.at("truncated") == true);
  auto r = run_annosearch({"entities", "--index", seed(), "--format", "csv", "Rakh"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("id,name,type,aliases,related,named_by,articles,passages,"
                                      "via,match\r\nemomali-rahmon,Emomali Rahmon,PERSON,"));
  r = run_annosearch({"entities", "--index", seed(), "--format", "jsonl", "Rakh"});
  CHECK(json::parse(r.out).at("id") == "emomali-rahmon");
  r = run_annosearch({"entities", "--index", seed(), "Rakh"});
  CHECK_THAT(r.out, Catch::Contains("Emomali Rahmon  (emomali-rahmon, PERSON)  via prefix"));
  CHECK_THAT(r.out, Catch::Contains("in 1 article, 4 passages"));
  r = run_annosearch({"entities", "--index", seed(), "Zzyzx"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("No entity matches \"Zzyzx\""));
}

TEST_CASE("spellings in another script resolve through transliteration", "[e2e][entities]") {
  // Not an alias as written ("Tolibon"), but the Latin form of the alias "Толибон".
  const json r = run_json({"search", "--actor", "Tolibon", "--level", "passage", "--limit", "0"});
  CHECK(r.at("query").at("resolved").at(0).at("id") == "taliban");
  CHECK(r.at("query").at("resolved").at(0).at("via") == "transliteration");
  CHECK(r.at("total") == 35);
  // A Cyrillic variant no alias holds: the error suggests the entity and names `entities`.
  const auto e = run_annosearch({"search", "--index", seed(), "--actor", "Рахмонов"});
  CHECK(e.exit_code == 2);
  CHECK(e.err ==
        "annosearch: unknown actor \"Рахмонов\": no entity id, name, alias or transliteration "
        "matches; close: emomali-rahmon (PERSON, Emomali Rahmon); use one of these ids, or see "
        "`annosearch entities Рахмонов`\n");
  const json look = run_json({"entities", "Рахмонов"});
  REQUIRE(ids(look) == std::vector<std::string>{"emomali-rahmon"});
  CHECK(look.at("entities").at(0).at("via") == "substring+transliteration");
}

TEST_CASE("expansion: --expand and actor:X+ add related entities and say so", "[e2e][entities]") {
  const json plain = run_json({"search", "--actor", "Tajikistan", "--level", "passage", "--limit",
                               "0", "--facets", "none"});
  CHECK(plain.at("total") == 32);
  const json expanded = run_json({"search", "--actor", "Tajikistan", "--expand", "--level",
                                  "passage", "--limit", "0", "--facets", "none"});
  CHECK(expanded.at("total") == 36);
  std::vector<std::string> added;
  for (const auto& x : expanded.at("query").at("expanded")) {
    CHECK(x.at("from") == "tajikistan");
    added.push_back(x.at("id"));
  }
  CHECK(added ==
        std::vector<std::string>{"dushanbe", "emomali-rahmon", "tajik-language", "tajiks"});
  const json field = run_json(
      {"search", "actor:Tajikistan+", "--level", "passage", "--limit", "0", "--facets", "none"});
  CHECK(field.at("total") == 36);
  const auto text = run_annosearch({"search", "--index", seed(), "actor:Tajikistan+", "--level",
                                    "passage", "--limit", "0", "--facets", "none"});
  CHECK_THAT(text.out, Catch::Contains("expanded: tajikistan + emomali-rahmon (head-of-state)"));
}

TEST_CASE("entities text shows at most 30 aliases, the matched one and how many more",
          "[e2e][entities]") {
  TempDir tmp;
  json aliases = json::array();
  for (int i = 1; i <= 40; ++i) aliases.push_back("Town" + std::to_string(i));
  const json entity{{"id", "land"}, {"name", "Land"}, {"type", "GPE"}, {"aliases", aliases}};
  tmp.write("corpus/entities.jsonl", entity.dump() + "\n");
  tmp.write("corpus/docs.jsonl", R"({"id":"d1","text":"Town35 grew."})"
                                 "\n");
  REQUIRE(run_annosearch({"build", "--quiet", "--index", tmp.str("idx"), tmp.str("corpus")})
              .exit_code == 0);
  const auto r = run_annosearch({"entities", "--index", tmp.str("idx"), "town35"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("  aliases:  Town1, Town2, "));
  CHECK_THAT(r.out, Catch::Contains(", Town30, Town35 (matched), … and 9 more (--format json lists "
                                    "them all)\n"));
  CHECK_THAT(r.out, !Catch::Contains("Town31"));
  const auto j =
      run_annosearch({"entities", "--index", tmp.str("idx"), "town35", "--format", "json"});
  CHECK(json::parse(j.out).at("entities").at(0).at("aliases").size() == 40);
}
