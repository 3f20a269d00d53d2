// The maintenance reports (tools/annosearch/report.h): one object, rendered as the summary line,
// as --format json and as the --report file. Expected strings are written out by hand.
#include "tools/annosearch/report.h"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

using annosearch::Diagnostics;
using annosearch::Error;
using annosearch::cli::emit_report;
using annosearch::cli::Format;
using annosearch::cli::render_summary;
using annosearch::cli::Report;
using ojson = nlohmann::ordered_json;

TEST_CASE("report: the summary line is filled from the object", "[report]") {
  Report r{"build",
           {{"indexed", 3}, {"seconds", 0.5}, {"where", "idx"}, {"ids", {"a", "b"}}},
           "{indexed} indexed in {seconds} s at {where}; {ids} ids"};
  CHECK(render_summary(r) == "build: 3 indexed in 0.50 s at idx; 2 ids");
}

TEST_CASE("report: {key:noun} counts with the plural", "[report]") {
  Report r{"validate", {{"documents", 1}, {"errors", 0}, {"warnings", 2}}, ""};
  r.text = "{documents:document} checked, {errors:error}, {warnings:warning}";
  CHECK(render_summary(r) == "validate: 1 document checked, 0 errors, 2 warnings");
}

TEST_CASE("report: a template naming no field is a programming error", "[report]") {
  Report r{"verify", {{"documents", 1}}, "{documens} documents"};
  CHECK_THROWS_AS(render_summary(r), Error);
  r.text = "{documents";
  CHECK_THROWS_AS(render_summary(r), Error);
}

TEST_CASE("report: json on out, the line on err, the file with diagnostics", "[report]") {
  annosearch::test::TempDir tmp;
  const std::string path = tmp.str("report.json");
  Report r{"update", {{"added", 2}}, "{added} added"};
  Diagnostics diagnostics;
  std::ostringstream out;
  std::ostringstream err;
  emit_report(r, Format::kJson, path, false, diagnostics, out, err);
  CHECK(out.str() == "{\n  \"added\": 2\n}\n");
  CHECK(err.str() == "update: 2 added\n");
  std::ifstream in(path);
  const ojson file = ojson::parse(in);
  CHECK(file["added"] == 2);
  CHECK(file["diagnostics"].is_array());

  std::ostringstream quiet_out;
  std::ostringstream quiet_err;
  emit_report(r, Format::kText, "", true, diagnostics, quiet_out, quiet_err);
  CHECK(quiet_out.str().empty());
  CHECK(quiet_err.str().empty());
}
