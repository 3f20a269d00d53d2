// serve's request translation (tools/annosearch/serve_request.h): decoding of the request target,
// the refusals, and the argument vectors, written out by hand; the endpoints' parameters against
// each command's own --help. tests/fuzz/fuzz_http.cc checks the same properties on any input.
#include "tools/annosearch/serve_request.h"

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/run.h"

using annosearch::cli::decode_target;
using annosearch::cli::endpoints;
using annosearch::cli::HttpError;
using annosearch::cli::refuse_request;
using annosearch::cli::ServeOptions;
using annosearch::cli::translate_request;
using Args = std::vector<std::string>;

namespace {

ServeOptions options() {
  ServeOptions o;
  o.index = "idx";
  o.max_query_length = 100;
  o.max_limit = 50;
  return o;
}

Args args_of(const std::string& target) { return translate_request(target, options()).args; }

// The status, code and message of the HttpError a target is refused with.
HttpError refusal(const std::string& target) {
  try {
    (void)translate_request(target, options());
  } catch (const HttpError& e) {
    return e;
  }
  FAIL("accepted: " << target);
  return {};
}

}  // namespace

TEST_CASE("serve request: the target is decoded strictly", "[serve_request]") {
  const auto d = decode_target("/api/sh%6Fw/a%2Fb+c?q=%D0%9F%D1%83+x%2By&q=a=b&&=lost&flag&a_b=");
  CHECK(d.path == "/api/show/a/b+c");  // '+' is a space in the query only
  using P = std::pair<std::string, std::string>;
  CHECK(d.params ==
        std::vector<P>{{"q", "\xD0\x9F\xD1\x83 x+y"}, {"q", "a=b"}, {"flag", ""}, {"a_b", ""}});
  CHECK(decode_target("/api/stats").params.empty());

  for (const std::string bad :
       {"/api/search?q=a%zz", "/api/search?q=a%", "/api/search?q=a%4", "/api/search?q=%u0041",
        "/api/se%rch", "/api/search?q%=1", "/api/search?q=%ff", "/api/search?q=%C0%AF",
        "/api/search?q=%ED%A0%80", "/api/show/%e2%82", "/api/search?%ff=1"}) {
    INFO(bad);
    try {
      (void)decode_target(bad);
      FAIL("decoded");
    } catch (const HttpError& e) {
      CHECK(e.status == 400);
      CHECK(e.code == "bad_request");
      CHECK(e.message.find('\n') == std::string::npos);
    }
  }
  CHECK(refusal("/api/search?q=%ff").message ==
        "the value of parameter q is not valid UTF-8 once decoded: \"\\xff\"");
  // A regression of fuzz_http (crash-control-name-in-message): the name was in the message raw.
  CHECK(refusal("/api/search?a%01%0Ab=%ff").message ==
        "the value of parameter a\\x01\\nb is not valid UTF-8 once decoded: \"\\xff\"");
  CHECK(refusal("/api/search?q=a%zzb").message ==
        "invalid percent-escape \"%zz\" in the value of parameter q: write %XX with two "
        "hexadecimal digits (%25 for %)");
}

TEST_CASE("serve request: the argument vector of each endpoint", "[serve_request]") {
  CHECK(args_of("/api/search?q=refugees&limit=2&facets=actor,theme,date") ==
        Args{"annosearch", "search", "--index=idx", "--facets=actor,theme,date", "--limit=2",
             "--format=json", "--", "refugees"});
  CHECK(args_of("/api/search?q=border&actor-any=Rahmon&actor_any=Macron&sort=-date") ==
        Args{"annosearch", "search", "--index=idx", "--actor-any=Rahmon", "--actor-any=Macron",
             "--sort=-date", "--format=json", "--", "border"});
  CHECK(args_of("/api/cooccur?query=border&q=Rahmon&limit=5") ==
        Args{"annosearch", "cooccur", "--index=idx", "--limit=5", "--format=json", "--", "Rahmon",
             "border"});
  CHECK(args_of("/api/compare?q=Rahmon&q=Taliban&top=3") ==
        Args{"annosearch", "compare", "--index=idx", "--top=3", "--format=json", "--", "Rahmon",
             "Taliban"});
  CHECK(args_of("/api/show/cabar-2021-12?passage=3&context=1") ==
        Args{"annosearch", "show", "--index=idx", "--context=1", "--format=json", "--",
             "cabar-2021-12#3"});
  CHECK(args_of("/api/show/a%23b") ==
        Args{"annosearch", "show", "--index=idx", "--format=json", "--", "a#b"});
  CHECK(args_of("/api/export?q=refugees&format=csv") ==
        Args{"annosearch", "export", "--index=idx", "--format=csv", "--", "refugees"});
  CHECK(args_of("/api/export") == Args{"annosearch", "export", "--index=idx", "--format=jsonl"});
  CHECK(args_of("/api/stats") == Args{"annosearch", "stats", "--index=idx", "--format=json"});
  // A query that looks like an option stays a positional argument, after "--".
  CHECK(args_of("/api/kwic?q=--index%3D/etc&width=30") == Args{"annosearch", "kwic", "--index=idx",
                                                               "--width=30", "--format=json", "--",
                                                               "--index=/etc"});
}

TEST_CASE("serve request: refused parameters and endpoints", "[serve_request]") {
  const auto check = [](const std::string& target, int status, const std::string& code) {
    INFO(target);
    const HttpError e = refusal(target);
    CHECK(e.status == status);
    CHECK(e.code == code);
  };
  check("/api/nothing", 404, "not_found");
  check("/static/x", 404, "not_found");
  check("/api/show", 400, "usage");
  check("/api/show/x?passage=1&passage=2", 400, "usage");
  for (const std::string name : {"index", "registry", "themes", "report", "progress", "quiet",
                                 "help", "h", "output", "bogus", "Limit", "passage"}) {
    check("/api/search?" + name + "=x", 400, "usage");
  }
  check("/api/stats?limit=1", 400, "usage");  // an option of other endpoints only
  check("/api/search?format=csv", 400, "usage");
  check("/api/search?q=" + std::string(101, 'a'), 413, "query_too_long");
  check("/api/search?limit=51", 400, "limit_too_large");
  check("/api/entities?limit=0", 400, "limit_too_large");
  check("/api/cooccur?query=x", 400, "usage");
  CHECK(refusal("/api/search?bogus=1")
            .message.rfind(
                "unknown parameter \"bogus\" for /api/search; its parameters are q, actor, ", 0) ==
        0);
}

// A regression of fuzz_http (tests/fuzz/corpus/fuzz_http/crash-empty-value-*): an empty option
// value made `--type=`, after which CLI11 took the "--" as the value and read the query as
// options (`type=&q=--help` printed help; `entities?type=&q=--limit=0` went past --max-limit).
TEST_CASE("serve request: an empty option value is refused", "[serve_request]") {
  const HttpError e = refusal("/api/search?type=&q=--help");
  CHECK(e.status == 400);
  CHECK(e.code == "usage");
  CHECK(e.message == "parameter type is empty: give it a value or leave it out");
  CHECK(refusal("/api/entities?type=&q=--limit=0").code == "usage");
  CHECK(refusal("/api/search?normalize").code == "usage");
  // An empty query is a positional argument, not an option: accepted.
  CHECK(args_of("/api/search?q=") ==
        Args{"annosearch", "search", "--index=idx", "--format=json", "--", ""});
}

TEST_CASE("serve request: method and length are refused before routing", "[serve_request]") {
  const ServeOptions o = options();
  CHECK(!refuse_request("GET", "/api/stats", o));
  CHECK(!refuse_request("HEAD", "/api/stats", o));
  CHECK(refuse_request("POST", "/api/stats", o)->status == 405);
  CHECK(refuse_request("get", "/api/stats", o)->status == 405);
  CHECK(!refuse_request("GET", std::string(o.max_url_length, 'a'), o));
  CHECK(refuse_request("GET", std::string(o.max_url_length + 1, 'a'), o)->status == 414);
}

// Every option of each endpoint's command (its --help) is a parameter of the endpoint, except
// those the server sets or refuses; and the endpoint takes nothing else. A new option of a command
// fails this test until it is added to serve_request.cc's allow-list or to the refused ones here.
TEST_CASE("serve request: each endpoint takes its command's options", "[serve_request]") {
  const std::set<std::string> not_over_http{"help", "index", "format"};
  const std::regex option_re(R"(^\s+(?:-[a-z],)?--([a-z][a-z0-9-]*))");
  for (const auto& [name, ep] : endpoints()) {
    INFO(name);
    const auto help = annosearch::test::run_annosearch({ep.command, "--help"});
    REQUIRE(help.exit_code == 0);
    std::set<std::string> from_help;
    std::istringstream lines(help.out);
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (std::regex_search(line, m, option_re) && not_over_http.count(m[1]) == 0) {
        from_help.insert(m[1]);
      }
    }
    CHECK(from_help == std::set<std::string>(ep.options.begin(), ep.options.end()));
  }
  CHECK(endpoints().size() == 10);
}

// A regression of fuzz_http (crash-bracket-list): CLI11 reads a value in brackets as a list where
// several values may follow, so `compare?q=[Rahmon,Taliban]` compared two targets, and the query
// `[refugees,border]` became the words refugees and border.
TEST_CASE("serve request: a value in brackets is refused", "[serve_request]") {
  const HttpError e = refusal("/api/compare?q=%5BRahmon,Taliban%5D");
  CHECK(e.status == 400);
  CHECK(e.code == "usage");
  CHECK(e.message ==
        "parameter q \"[Rahmon,Taliban]\" is in brackets, which the command line parser reads as a "
        "list; give each value as a parameter of its own, or leave the brackets out");
  CHECK(refusal("/api/search?actor=[Rahmon]").code == "usage");
  CHECK(refusal("/api/search?q=[]").code == "usage");
  // Brackets elsewhere are kept as they are.
  CHECK(args_of("/api/search?q=[refugees]+border&actor=Rahmon]") ==
        Args{"annosearch", "search", "--index=idx", "--actor=Rahmon]", "--format=json", "--",
             "[refugees] border"});
  CHECK(args_of("/api/show/[x]") ==
        Args{"annosearch", "show", "--index=idx", "--format=json", "--", "[x]"});
}
