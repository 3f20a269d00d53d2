// `annosearch validate` end to end: the bundled corpus is clean, broken fixtures exit 1 with their
// diagnostic line, warnings exit 0 unless --strict, --format json is machine-readable.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run.h"

namespace {

using annosearch::test::run_annosearch;

std::string fixture(const std::string& relative) {
  return annosearch::test::source_path("tests/fixtures/validate/" + relative);
}

// validate FILES with the fixture registry and taxonomy, then any extra arguments.
annosearch::test::RunResult validate_fixture(const std::string& file,
                                             const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"validate",
                                "--registry",
                                fixture("registry/entities.jsonl"),
                                "--themes",
                                fixture("registry/themes.json"),
                                fixture(file)};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_annosearch(args);
}

}  // namespace

TEST_CASE("validate accepts the bundled corpus", "[e2e][validate]") {
  for (const auto& args :
       {std::vector<std::string>{"validate"},
        std::vector<std::string>{"validate", annosearch::test::source_path("corpus")}}) {
    INFO(args.size());
    const auto r = run_annosearch(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "");
    CHECK(r.err.rfind("validate: ", 0) == 0);
    CHECK(r.err.find(" checked, 0 errors, 0 warnings\n") != std::string::npos);
    CHECK(r.err.find("validate: 0 documents") == std::string::npos);
  }
}

TEST_CASE("validate rejects a broken fixture with its diagnostic line and exit 1",
          "[e2e][validate]") {
  const auto r = validate_fixture("bad/unknown-entity.jsonl");
  CHECK(r.exit_code == 1);
  CHECK(r.out == fixture("bad/unknown-entity.jsonl") +
                     ":1: id=unknown-entity: entities[0].id: unknown entity \"vladimir-putin\" "
                     "(not in the registry)\n");
  CHECK(r.err == "validate: 1 document checked, 1 error, 0 warnings\n");
}

TEST_CASE("validate exits 0 on warnings alone and 1 with --strict", "[e2e][validate]") {
  const std::string expected = fixture("bad/mention-not-alias.jsonl") +
                               ":1: id=not-alias: entities[0].mentions[0]: warning: mention text "
                               "\"president\" is not the name or an alias of entity "
                               "emomali-rahmon\n";
  const auto lenient = validate_fixture("bad/mention-not-alias.jsonl");
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.out == expected);
  CHECK(lenient.err == "validate: 1 document checked, 0 errors, 1 warning\n");
  const auto strict = validate_fixture("bad/mention-not-alias.jsonl", {"--strict"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.out == expected);
}

TEST_CASE("validate --format json reports counts and diagnostics", "[e2e][validate]") {
  const auto r = validate_fixture("bad/wrong-types.jsonl", {"--format", "json"});
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("documents") == 1);
  CHECK(j.at("errors") == 4);
  CHECK(j.at("warnings") == 0);
  REQUIRE(j.at("diagnostics").size() == 4);
  const auto& first = j.at("diagnostics").at(0);
  CHECK(first.at("severity") == "error");
  CHECK(first.at("file") == fixture("bad/wrong-types.jsonl"));
  CHECK(first.at("line") == 1);
  CHECK(first.at("id") == "wrong-types");
  CHECK(first.at("field") == "title");
  CHECK(first.at("message") == "must be a string, not a number");

  const auto clean = run_annosearch({"validate", "--format", "json"});
  CHECK(clean.exit_code == 0);
  const auto c = nlohmann::json::parse(clean.out);
  CHECK(c.at("errors") == 0);
  CHECK(c.at("warnings") == 0);
  CHECK(c.at("diagnostics") == nlohmann::json::array());
  CHECK(c.at("documents").get<int>() >= 1);
}

TEST_CASE("validate reads JSON Lines from standard input", "[e2e][validate]") {
  const auto r = run_annosearch(
      {"validate", "--registry", fixture("registry/entities.jsonl"), "-"},
      "{\"id\":\"in-1\",\"text\":\"Rahmon.\",\"entities\":[{\"id\":\"emomali-rahmon\","
      "\"mentions\":[{\"start\":0,\"end\":6}],\"source\":\"gold\"}]}\n\n"
      "{\"id\":\"in-2\",\"date\":\"2021-02-30\",\"text\":\"x\"}\n");
  CHECK(r.exit_code == 1);
  CHECK(r.out == "-:3: id=in-2: date: date 2021-02-30 does not exist\n");
  CHECK(r.err == "validate: 2 documents checked, 1 error, 0 warnings\n");

  const auto json = run_annosearch({"validate", "--format", "json", "-"}, "{\"text\":\"x\"}\n");
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j.at("diagnostics").at(0).at("file") == "-");
  CHECK(j.at("diagnostics").at(0).at("id").is_null());
}

TEST_CASE("validate takes several --registry options and inputs after options", "[e2e][validate]") {
  const auto r = run_annosearch({"validate", "--registry", fixture("registry/entities.jsonl"),
                                 "--registry", fixture("bad-registry/related-unknown.jsonl"),
                                 fixture("good/minimal.jsonl")});
  CHECK(r.exit_code == 1);
  CHECK(r.out == fixture("bad-registry/related-unknown.jsonl") +
                     ":1: id=kabul: related[0].id: unknown entity \"afghanistan\" (not in the "
                     "registry)\n");
  CHECK(r.err == "validate: 1 document checked, 1 error, 0 warnings\n");
}

TEST_CASE("validate usage errors exit 2", "[e2e][validate]") {
  CHECK(run_annosearch({"validate", "--format", "xml"}).exit_code == 2);
  CHECK(run_annosearch({"validate", "--no-such-option"}).exit_code == 2);
}
