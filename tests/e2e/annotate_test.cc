// `annosearch annotate` and `eval-annotations` end to end, and build --annotate auto|off as stats
// reports it. Expected figures are counted by hand from the small inputs written here.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;

const char* const kRegistry =
    R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":["Tajik"]}
{"id":"taliban","name":"Taliban","type":"ORG","aliases":[]}
)";

const char* const kThemes =
    R"({"themes":[{"id":"security","label":"Security","description":"d","keywords":["threat*"]}]})";

// "Tajikistan fears the Taliban threat. Ali Khamenei spoke on 9 December 2021."
// Tajikistan 0..10, Taliban 21..28, "9 December 2021" 59..74.
const char* const kDoc =
    R"({"id":"a","date":"2021-12","text":"Tajikistan fears the Taliban threat. Ali Khamenei spoke on 9 December 2021."})"
    "\n";

}  // namespace

TEST_CASE("annotate adds entities, dates and themes with source auto", "[e2e][annotate]") {
  TempDir tmp;
  const auto reg = tmp.write("entities.jsonl", kRegistry);
  const auto th = tmp.write("themes.json", kThemes);
  const auto in = tmp.write("in.jsonl", kDoc);
  const auto r = run_annosearch({"annotate", in, "--registry", reg, "--taxonomy", th});
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["entities"].size() == 2);
  // Sorted by id: tajikistan, taliban.
  CHECK(doc["entities"][0]["id"] == "tajikistan");
  CHECK(doc["entities"][0]["mentions"][0]["end"] == 10);
  CHECK(doc["entities"][0]["source"] == "auto");
  CHECK(doc["entities"][1]["id"] == "taliban");
  CHECK(doc["entities"][1]["mentions"][0]["start"] == 21);
  REQUIRE(doc["dates"].size() == 1);
  CHECK(doc["dates"][0]["value"] == "2021-12-09");
  CHECK(doc["dates"][0]["start"] == 59);
  CHECK(doc["dates"][0]["end"] == 74);
  CHECK(doc["dates"][0]["source"] == "auto");
  REQUIRE(doc["themes"].size() == 1);
  CHECK(doc["themes"][0]["id"] == "security");
  CHECK(doc["themes"][0]["passages"] == nlohmann::json::array({1}));

  // The output is valid input: validate accepts it without errors.
  const auto out = tmp.write("out.jsonl", r.out);
  const auto v = run_annosearch({"validate", out, "--registry", reg, "--themes", th});
  CHECK(v.exit_code == 0);

  // --diff: only the additions; a second pass over annotated output adds nothing.
  const auto again = run_annosearch({"annotate", out, "--registry", reg, "--themes", th, "--diff"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());

  // --candidates: "Ali Khamenei" is in no registry entry.
  const auto c = run_annosearch({"annotate", in, "--registry", reg, "--candidates"});
  CHECK(c.exit_code == 0);
  CHECK(c.out.find("1\tAli Khamenei\t") != std::string::npos);
}

TEST_CASE("annotate usage errors exit 2", "[e2e][annotate]") {
  TempDir tmp;
  const auto in = tmp.write("in.jsonl", kDoc);
  const auto reg = tmp.write("entities.jsonl", kRegistry);
  CHECK(run_annosearch({"annotate", in, "--index", tmp.str("idx"), "--registry", reg}).exit_code ==
        2);
  CHECK(run_annosearch({"annotate", in, "--only", "people"}).exit_code == 2);
  CHECK(run_annosearch({"annotate"}).exit_code == 2);
}

TEST_CASE("eval-annotations counts hits, misses and false alarms", "[e2e][annotate]") {
  TempDir tmp;
  // Gold: 3 mentions, 2 dates. Predicted: 2 of the mentions right, 1 wrong link; 1 date right,
  // 1 with the right value on another span.
  const auto gold = tmp.write(
      "gold.jsonl",
      R"({"id":"a","text":"Tajikistan and the Taliban met in May and June.","entities":[{"id":"tajikistan","mentions":[{"start":0,"end":10}]},{"id":"taliban","mentions":[{"start":19,"end":26}]}],"dates":[{"start":34,"end":37,"value":"2021-05"},{"start":42,"end":46,"value":"2021-06"}]})"
      "\n"
      R"({"id":"b","text":"Taliban","entities":[{"id":"taliban","mentions":[{"start":0,"end":7}]}]})"
      "\n");
  const auto pred = tmp.write(
      "pred.jsonl",
      R"({"id":"a","text":"x","entities":[{"id":"tajikistan","mentions":[{"start":0,"end":10}]},{"id":"russia","mentions":[{"start":19,"end":26}]}],"dates":[{"start":34,"end":37,"value":"2021-05"},{"start":41,"end":46,"value":"2021-06"}]})"
      "\n"
      R"({"id":"b","text":"Taliban","entities":[{"id":"taliban","mentions":[{"start":0,"end":7}]}]})"
      "\n");
  const auto r = run_annosearch({"eval-annotations", gold, pred, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["mentions"]["tp"] == 2);
  CHECK(j["mentions"]["fp"] == 1);
  CHECK(j["mentions"]["fn"] == 1);
  CHECK(j["mentions"]["f1"] == Approx(0.667).margin(0.001));
  CHECK(j["dates"]["tp"] == 1);
  CHECK(j["dates"]["fn"] == 1);
  CHECK(j["date_values"]["tp"] == 2);
  CHECK(j["document_entities"]["tp"] == 2);  // a: tajikistan; b: taliban
  CHECK(j["document_entities"]["fp"] == 1);  // a: russia
  CHECK(j["document_entities"]["fn"] == 1);  // a: taliban
  // Odd passages only: everything is on line 1, so the same mention figures.
  const auto odd =
      run_annosearch({"eval-annotations", gold, pred, "--passages", "even", "--format", "json"});
  CHECK(nlohmann::json::parse(odd.out)["mentions"]["tp"] == 0);
}

TEST_CASE("eval-annotations --salient leaves entries named in passing out of document entities",
          "[e2e][annotate]") {
  TempDir tmp;
  // Gold labels what the story is about: tajikistan. Predicted: tajikistan and russia, russia
  // marked salient: false; its mention is still a mention.
  const auto gold = tmp.write(
      "gold.jsonl",
      R"({"id":"a","text":"Tajikistan and Russia.","entities":[{"id":"tajikistan","mentions":[]}]})"
      "\n");
  const auto pred = tmp.write(
      "pred.jsonl",
      R"({"id":"a","text":"Tajikistan and Russia.","entities":[{"id":"tajikistan","mentions":[{"start":0,"end":10}],"source":"auto"},{"id":"russia","mentions":[{"start":15,"end":21}],"source":"auto","salient":false}]})"
      "\n");
  const auto all = run_annosearch({"eval-annotations", gold, pred, "--format", "json"});
  REQUIRE(all.exit_code == 0);
  const auto a = nlohmann::json::parse(all.out);
  CHECK(a["document_entities"]["tp"] == 1);
  CHECK(a["document_entities"]["fp"] == 1);  // russia
  const auto sal =
      run_annosearch({"eval-annotations", gold, pred, "--salient", "--format", "json"});
  REQUIRE(sal.exit_code == 0);
  const auto s = nlohmann::json::parse(sal.out);
  CHECK(s["document_entities"]["tp"] == 1);
  CHECK(s["document_entities"]["fp"] == 0);
  CHECK(s["mentions"]["fp"] == a["mentions"]["fp"]);  // mentions are compared as before: 2
  CHECK(s["mentions"]["fp"] == 2);

  // The annotator writes the mark, and `validate` accepts it (and rejects a non-boolean).
  const auto reg = tmp.write("entities.jsonl",
                             R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":[]}
{"id":"russia","name":"Russia","type":"GPE","aliases":[]}
)");
  // "Markets were calm.\nRussia left. Tajikistan stayed. Tajikistan won.": Russia is named once,
  // after the first paragraph (in passing); Tajikistan twice.
  const auto in = tmp.write(
      "in.jsonl",
      R"({"id":"x","text":"Markets were calm.\nRussia left. Tajikistan stayed. Tajikistan won."})"
      "\n");
  const auto r = run_annosearch({"annotate", in, "--registry", reg, "-q"});
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["entities"].size() == 2);
  CHECK(doc["entities"][0]["id"] == "russia");
  CHECK(doc["entities"][0]["salient"] == false);
  CHECK(doc["entities"][0]["mentions"].size() == 1);
  CHECK(doc["entities"][1]["id"] == "tajikistan");
  CHECK_FALSE(doc["entities"][1].contains("salient"));  // written only when false
  tmp.write("corpus/documents.jsonl", r.out);
  tmp.write("corpus/entities.jsonl",
            R"({"id":"tajikistan","name":"Tajikistan","type":"GPE","aliases":[]}
{"id":"russia","name":"Russia","type":"GPE","aliases":[]}
)");
  const auto v = run_annosearch({"validate", tmp.str("corpus")});
  INFO(v.out + v.err);
  CHECK(v.exit_code == 0);
  CHECK((v.out + v.err).find("0 errors, 0 warnings") != std::string::npos);
  tmp.write(
      "bad/documents.jsonl",
      R"({"id":"x","text":"Russia","entities":[{"id":"russia","mentions":[],"salient":"no"}]})"
      "\n");
  tmp.write("bad/entities.jsonl", R"({"id":"russia","name":"Russia","type":"GPE","aliases":[]})"
                                  "\n");
  const auto bad = run_annosearch({"validate", tmp.str("bad")});
  CHECK(bad.exit_code == 1);
  CHECK((bad.out + bad.err).find("salient: must be true or false") != std::string::npos);
}

// Annotates a fixture with its annotations stripped and compares it with them.
nlohmann::json eval_fixture(const std::string& name) {
  TempDir tmp;
  const std::string fixture = source_path("tests/fixtures/annotate/" + name);
  const auto r =
      run_annosearch({"annotate", fixture, "--registry", source_path("corpus/entities.jsonl"),
                      "--themes", source_path("corpus/themes.json"), "--strip", "-q"});
  REQUIRE(r.exit_code == 0);
  const auto pred = tmp.write("pred.jsonl", r.out);
  const auto e = run_annosearch({"eval-annotations", fixture, pred, "--format", "json"});
  REQUIRE(e.exit_code == 0);
  return nlohmann::json::parse(e.out);
}

TEST_CASE("the fresh paragraph: the annotator against hand annotations", "[e2e][annotate]") {
  const auto j = eval_fixture("fresh.jsonl");
  // 21 hand mentions, all found: the capitals used as places are the meeting's ("hosted ... in
  // Tashkent and Ashgabat": an event's place, and its coordination) and a route's start ("a road
  // from Dushanbe to the Kyrgyz border").
  CHECK(j["mentions"]["tp"] == 21);
  CHECK(j["mentions"]["fn"] == 0);
  CHECK(j["mentions"]["fp"] == 0);
  CHECK(j["dates"]["tp"] == 5);
  CHECK(j["dates"]["fp"] == 0);
}

TEST_CASE("the second fresh paragraph: the annotator against hand annotations", "[e2e][annotate]") {
  const auto j = eval_fixture("fresh2.jsonl");
  // 20 hand mentions (tests/fixtures/annotate/fresh2.jsonl), 6 dates.
  CHECK(j["mentions"]["tp"] == 20);
  CHECK(j["mentions"]["fn"] == 0);
  CHECK(j["mentions"]["fp"] == 0);
  CHECK(j["dates"]["tp"] == 6);
  CHECK(j["dates"]["fp"] == 0);
}

TEST_CASE("build --annotate auto is recorded and stats says so", "[e2e][annotate]") {
  TempDir tmp;
  tmp.write("corpus/entities.jsonl", kRegistry);
  tmp.write("corpus/themes.json", kThemes);
  tmp.write("corpus/docs/a.jsonl", kDoc);
  const auto b = run_annosearch({"build", tmp.str("corpus"), "--index", tmp.str("idx"), "-q"});
  REQUIRE(b.exit_code == 0);
  const auto s = run_annosearch({"stats", "--index", tmp.str("idx"), "--format", "json"});
  CHECK(nlohmann::json::parse(s.out)["annotate"] == "auto");
  // The automatic actor is searchable.
  const auto q = run_annosearch(
      {"search", "--index", tmp.str("idx"), "--actor", "taliban", "--format", "json"});
  CHECK(q.exit_code == 0);
  CHECK(q.out.find("\"a\"") != std::string::npos);
  // The index stands for the input as read: verify finds it consistent, and an update with the
  // same input changes nothing, although the annotator added to every document.
  const auto v = run_annosearch({"verify", "--index", tmp.str("idx"), tmp.str("corpus")});
  INFO(v.out << v.err);
  CHECK(v.exit_code == 0);
  const auto u = run_annosearch(
      {"update", tmp.str("corpus"), "--index", tmp.str("idx"), "--format", "json", "-q"});
  REQUIRE(u.exit_code == 0);
  CHECK(nlohmann::json::parse(u.out)["unchanged"] == 1);

  const auto off = run_annosearch(
      {"build", tmp.str("corpus"), "--index", tmp.str("idx2"), "--annotate", "off", "-q"});
  REQUIRE(off.exit_code == 0);
  const auto s2 = run_annosearch({"stats", "--index", tmp.str("idx2"), "--format", "json"});
  CHECK(nlohmann::json::parse(s2.out)["annotate"] == "off");
}

TEST_CASE("update --annotate auto annotates new documents with the index's registry",
          "[e2e][annotate]") {
  TempDir tmp;
  tmp.write("corpus/entities.jsonl", kRegistry);
  tmp.write("corpus/themes.json", kThemes);
  tmp.write("corpus/docs/a.jsonl", kDoc);
  REQUIRE(run_annosearch({"build", tmp.str("corpus"), "--index", tmp.str("idx"), "-q"}).exit_code ==
          0);
  const auto registry_listing = [&] {
    const auto e = run_annosearch({"entities", "--index", tmp.str("idx"), "--format", "json"});
    REQUIRE(e.exit_code == 0);
    auto j = nlohmann::json::parse(e.out);
    for (auto& entity : j.at("entities")) {
      entity.erase("articles");  // the counts change with the documents, not the registry
      entity.erase("passages");
    }
    return j;
  };
  const nlohmann::json registry_before = registry_listing();
  // A new document without annotations: the Taliban at 4..11.
  const auto b = tmp.write("b.jsonl", R"({"id":"b","text":"The Taliban spoke."})"
                                      "\n");
  const auto u = run_annosearch({"update", b, "--index", tmp.str("idx"), "-q"});
  REQUIRE(u.exit_code == 0);
  const auto q = run_annosearch(
      {"search", "--index", tmp.str("idx"), "--actor", "taliban", "--format", "json"});
  CHECK(q.out.find("\"b\"") != std::string::npos);
  // --annotate off: a third document stays without actors.
  const auto c = tmp.write("c.jsonl", R"({"id":"c","text":"The Taliban again."})"
                                      "\n");
  REQUIRE(run_annosearch({"update", c, "--index", tmp.str("idx"), "--annotate", "off", "-q"})
              .exit_code == 0);
  const auto q2 = run_annosearch(
      {"search", "--index", tmp.str("idx"), "--actor", "taliban", "--format", "json"});
  CHECK(q2.out.find("\"c\"") == std::string::npos);
  // Updates without a registry keep the stored one (read once, not written again) as it was.
  CHECK(registry_listing() == registry_before);
}
