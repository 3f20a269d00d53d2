// A question in plain words on a small Reuters-21578 fixture written at test time (issue 7): five
// stories in the SGML format, imported and indexed. Counted by hand from the stories below
// (stems: opec; decide/decided; production; quota/quotas):
//   1 "OPEC decided to keep production quotas"        all four
//   2 "OPEC production rose"                          opec, production
//   3 "ministers decided on quotas for OPEC production" all four
//   4 "coffee quotas were decided"                    decide, quotas
//   5 "wheat prices fell"                             none
// So `what did opec decide about production quotas` has 2 complete matches (1, 3), and 2 partial
// ones (2 lacks decide and quotas; 4 lacks opec and production); --match any counts 4.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace {

using annosearch::test::run_annosearch;
using annosearch::test::source_path;
using annosearch::test::TempDir;
using nlohmann::json;

std::string story(int id, const std::string& title, const std::string& body) {
  return "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"" +
         std::to_string(9000 + id) + "\" NEWID=\"" + std::to_string(id) +
         "\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TOPICS><D>crude</D></TOPICS>\n"
         "<PLACES></PLACES>\n<PEOPLE></PEOPLE>\n<ORGS></ORGS>\n<EXCHANGES></EXCHANGES>\n"
         "<COMPANIES></COMPANIES>\n<UNKNOWN>x</UNKNOWN>\n<TEXT>\n<TITLE>" +
         title + "</TITLE>\n<BODY>" + body + "\n Reuter\n</BODY></TEXT>\n</REUTERS>\n";
}

}  // namespace

TEST_CASE("what did opec decide about production quotas, on a Reuters fixture",
          "[e2e][query][reuters]") {
  TempDir tmp;
  const auto fixture = std::filesystem::path(source_path("tests/fixtures/import/reuters21578"));
  std::filesystem::create_directories(tmp.path() / "sgml");
  for (const auto& f : std::filesystem::directory_iterator(fixture)) {
    if (f.path().extension() == ".txt") {
      std::filesystem::copy_file(f.path(), tmp.path() / "sgml" / f.path().filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  (void)tmp.write(
      "sgml/reut2-000.sgm",
      "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n" +
          story(1, "OPEC KEEPS QUOTAS", "OPEC decided to keep production quotas.") +
          story(2, "OPEC OUTPUT UP", "OPEC production rose in February.") +
          story(3, "MINISTERS MEET", "Ministers decided on quotas for OPEC production.") +
          story(4, "COFFEE TALKS", "Coffee quotas were decided in London.") +
          story(5, "WHEAT", "Wheat prices fell."));
  auto r = run_annosearch(
      {"import", "reuters21578", tmp.str("sgml"), "-o", tmp.str("corpus"), "--quiet"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_annosearch({"build", "--quiet", "--index", tmp.str("idx"), tmp.str("corpus")});
  REQUIRE(r.exit_code == 0);

  const auto search = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{
        "search", "--index",  tmp.str("idx"), "--format",
        "json",   "--facets", "none",         "what did opec decide about production quotas"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto out = run_annosearch(args);
    INFO(out.err);
    REQUIRE(out.exit_code == 0);
    return json::parse(out.out);
  };
  const json j = search({});
  CHECK(j.at("total") == 2);
  CHECK(j.at("query").at("ignored") == json::array({"what", "did", "about"}));
  CHECK(j.at("query").at("required") == json::array({"opec", "decide", "production", "quotas"}));
  REQUIRE(j.at("hits").size() == 4);
  std::set<std::string> complete;
  for (int i = 0; i < 2; ++i) {
    CHECK(j.at("hits").at(i).at("partial") == false);
    complete.insert(j.at("hits").at(i).at("id").get<std::string>());
  }
  CHECK(complete == std::set<std::string>{"reuters-1", "reuters-3"});
  CHECK(j.at("query").at("partial") == 2);
  for (int i = 2; i < 4; ++i) {
    const json& h = j.at("hits").at(i);
    CHECK(h.at("partial") == true);
    if (h.at("id") == "reuters-2") {
      CHECK(h.at("missing") == json::array({"decide", "quotas"}));
    } else {
      CHECK(h.at("id") == "reuters-4");
      CHECK(h.at("missing") == json::array({"opec", "production"}));
    }
  }
  CHECK(search({"--match", "all"}).at("hits").size() == 2);
  CHECK(search({"--match", "any"}).at("total") == 4);
}
