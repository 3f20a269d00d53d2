// Fuzz target: `annosearch serve`'s request handling up to the command's argument vector
// (tools/annosearch/serve_request.h): the refusals before routing, the request target's decoding
// and the translation of /api/ requests into the arguments of the command they run.
//
// Input: the first line is the request target ("/api/search?q=..."), as on the request line;
// the second line, when present, is the method (else GET). The server reads no request header,
// so none is fuzzed. The server's options are fixed: index "/srv/-idx ü" (a path that would be an
// option, with a space and a non-ASCII letter), --max-query-length 200, --max-limit 50.
//
// Properties (the endpoints, their parameters and the decoding rules are written out again here,
// from docs/http-api.md and each command's --help, not taken from the code under test):
// - refuse_request: 405 exactly for a method other than GET or HEAD, then 414 exactly for a
//   target over --max-url-length;
// - decoding is total: decode_target either succeeds or throws HttpError 400 "bad_request", and
//   it fails exactly when a '%' is not followed by two hex digits or a decoded path, name or value
//   is not valid UTF-8 (ICU's U8_NEXT, not the code's own check); what it returns is what an
//   independent decoder gives, and percent-encoding that again decodes to the same;
// - translate_request returns an argument vector only for a known endpoint and only when every
//   parameter is one of the endpoint's (its positional arguments, its options, `format` with one
//   of its formats, `passage` for show), no option value is empty, no option or positional value
//   is in brackets ("[a,b]", which CLI11 reads as a list), no value is over 200 bytes and no page
//   size is over 50; otherwise it throws HttpError (400, 404 or 413) with a one-line
//   message without control characters, and it throws in exactly the cases these rules refuse;
// - the vector is "annosearch", the command, --index=<the server's index>, --format=json (export:
//   jsonl or csv), then --NAME=VALUE with NAME an option of the endpoint (never index, output,
//   report, registry, themes, progress, quiet, help, format, nor any other) and VALUE a parameter
//   value of that name, then "--" and the positional arguments, each a parameter value;
// - parsed by CLI11 (the parser the server uses) in an application with every endpoint's command
//   as a subcommand, every option the endpoint and the other commands have, and the write and
//   file options, each in the form that takes the most (any number of values, extra arguments
//   too; --format and show's ID take one, as in every command): one subcommand is parsed, the
//   endpoint's; --index has the server's index and nothing else; no other refused option is set;
//   each option gets exactly the values of its parameters, in order; the positional arguments are
//   exactly the values of q (and query), the show ID first. So a value starting with '-' never
//   becomes an option.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <unicode/utf8.h>

#include "tests/fuzz/fuzz_check.h"
#include "tools/annosearch/serve_request.h"

namespace {

using annosearch::cli::HttpError;
using Params = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kIndex = "/srv/-idx \xC3\xBC";
constexpr std::size_t kMaxQueryLength = 200;
constexpr std::size_t kMaxLimit = 50;

// ---------------------------------------------------------------------------------------------
// The endpoints, as docs/http-api.md and `annosearch COMMAND --help` describe them.

struct Spec {
  std::vector<std::string> positionals;
  std::set<std::string> options;
  std::set<std::string> formats;
};

const std::map<std::string, Spec>& specs() {
  static const std::map<std::string, Spec> kSpecs = [] {
    const std::set<std::string> query{"actor",     "theme",        "from",      "to",
                                      "when",      "type",         "level",     "actor-any",
                                      "theme-any", "min-mentions", "mentioned", "gold-only"};
    const auto with = [&](std::set<std::string> own) {
      own.insert(query.begin(), query.end());
      return own;
    };
    const std::set<std::string> search{"limit",     "offset",        "sort",       "facets",
                                       "normalize", "facet-prefix",  "facet-size", "date-buckets",
                                       "match",     "max-expansion", "expand"};
    return std::map<std::string, Spec>{
        {"search", {{"q"}, with(search), {"json"}}},
        {"facets", {{"q"}, with(search), {"json"}}},
        {"entities", {{"q"}, {"type", "limit"}, {"json"}}},
        {"kwic", {{"q"}, with({"width", "sort"}), {"json"}}},
        {"timeline", {{"q"}, with({"by", "mentioned-dates", "normalize", "bar-width"}), {"json"}}},
        {"cooccur", {{"q", "query"}, with({"limit"}), {"json"}}},
        {"compare", {{"q"}, with({"top", "by"}), {"json"}}},
        {"show", {{}, {"context"}, {"json"}}},
        {"export", {{"q"}, with({}), {"jsonl", "csv"}}},
        {"stats", {{}, {}, {"json"}}},
    };
  }();
  return kSpecs;
}

// Options no request may set: they choose or write files, or are not answers.
const std::vector<std::string> kRefused{
    "index", "output", "report", "registry", "themes",      "progress", "quiet",  "help",
    "h",     "config", "jobs",   "force",    "allow-empty", "prune",    "format", "version"};

// ---------------------------------------------------------------------------------------------
// An independent decoder.

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto length = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Decodes one component; false when an escape is invalid or the result is not UTF-8.
bool unescape(const std::string& s, bool plus_is_space, std::string* out) {
  out->clear();
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return false;
      if (!is_hex(s[i + 1]) || !is_hex(s[i + 2])) return false;
      out->push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 3;
    } else {
      out->push_back(plus_is_space && s[i] == '+' ? ' ' : s[i]);
      ++i;
    }
  }
  return valid_utf8(*out);
}

struct Decoded {
  bool ok = false;
  std::string path;
  Params params;
};

Decoded reference_decode(const std::string& target) {
  Decoded d;
  const std::size_t q = target.find('?');
  if (!unescape(target.substr(0, q), false, &d.path)) return d;
  if (q != std::string::npos) {
    std::vector<std::string> pieces;
    std::string piece;
    for (const char c : target.substr(q + 1)) {
      if (c == '&') {
        pieces.push_back(piece);
        piece.clear();
      } else {
        piece.push_back(c);
      }
    }
    pieces.push_back(piece);
    for (const auto& p : pieces) {
      if (p.empty()) continue;
      const std::size_t eq = p.find('=');
      std::string name;
      std::string value;
      if (!unescape(p.substr(0, eq), true, &name)) return d;
      if (name.empty()) continue;
      if (eq != std::string::npos && !unescape(p.substr(eq + 1), true, &value)) return d;
      d.params.emplace_back(name, value);
    }
  }
  d.ok = true;
  return d;
}

std::string percent_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '.' || u == '_' || u == '~' || u == '/') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4U]);
      out.push_back(kHex[u & 15U]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the translation must do, by the rules of docs/http-api.md.

std::string dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Expected {
  bool accepted = false;
  std::string command;
  std::map<std::string, std::vector<std::string>> options;  // name -> values, in order
  std::vector<std::string> positionals;
  std::string format;
};

Expected expect(const Decoded& d) {
  Expected e;
  const std::string prefix = "/api/";
  if (d.path.rfind(prefix, 0) != 0) return e;
  std::string name = d.path.substr(prefix.size());
  std::string show_id;
  if (name.rfind("show/", 0) == 0) {
    show_id = name.substr(5);
    name = "show";
  }
  const auto it = specs().find(name);
  if (it == specs().end()) return e;
  const Spec& spec = it->second;
  e.command = name;
  std::map<std::string, std::vector<std::string>> positional;
  std::vector<std::string> passages;
  for (const auto& [raw, value] : d.params) {
    const std::string n = dashed(raw);
    if (value.size() > kMaxQueryLength && !(name == "show" && raw == "passage")) return e;
    const bool bracketed = value.size() >= 2 && value.front() == '[' && value.back() == ']';
    if (name == "show" && raw == "passage") {
      passages.push_back(value);
    } else if (n == "format") {
      if (spec.formats.count(value) == 0) return e;
      e.format = value;
    } else if (std::find(spec.positionals.begin(), spec.positionals.end(), n) !=
               spec.positionals.end()) {
      if (bracketed) return e;
      positional[n].push_back(value);
    } else if (spec.options.count(n) == 1) {
      if (value.empty() || bracketed) return e;
      if ((n == "limit" || n == "facet-size") &&
          (value == "all" ||
           (all_digits(value) && value.size() <= 18 &&
            (std::stoull(value) > kMaxLimit ||
             (std::stoull(value) == 0 &&
              (n == "facet-size" || name == "entities" || name == "cooccur")))))) {
        return e;
      }
      e.options[n].push_back(value);
    } else {
      return e;
    }
  }
  if (name == "show") {
    if (show_id.empty() || passages.size() > 1) return e;
    e.positionals.push_back(passages.empty() ? show_id : show_id + "#" + passages.front());
  }
  if (name == "cooccur" && positional["q"].empty() && !positional["query"].empty()) return e;
  for (const auto& p : spec.positionals) {
    for (const auto& v : positional[p]) e.positionals.push_back(v);
  }
  e.accepted = true;
  return e;
}

void check_error(const HttpError& e, const std::set<int>& statuses) {
  if (statuses.count(e.status) == 0) std::fprintf(stderr, "status %d\n", e.status);
  FUZZ_CHECK(statuses.count(e.status) == 1);
  FUZZ_CHECK(!e.code.empty());
  FUZZ_CHECK(!e.message.empty());
  FUZZ_CHECK(valid_utf8(e.message));
  FUZZ_CHECK(std::none_of(e.message.begin(), e.message.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  }));
}

// ---------------------------------------------------------------------------------------------
// The vector through CLI11.

void check_with_cli11(const std::vector<std::string>& args, const Expected& e) {
  CLI::App app{"annosearch", "annosearch"};
  app.require_subcommand(1);
  std::set<std::string> names(kRefused.begin(), kRefused.end());
  for (const auto& [command, spec] : specs()) {
    names.insert(spec.options.begin(), spec.options.end());
    names.insert(spec.positionals.begin(), spec.positionals.end());
  }
  names.erase("h");
  names.erase("help");  // CLI11's own -h,--help flag
  std::map<std::string, std::vector<std::string>> values;
  std::vector<std::string> positionals;
  std::string format;
  std::string show_target;
  CLI::App* parsed_into = nullptr;
  for (const auto& [command, spec] : specs()) {
    CLI::App* sub = app.add_subcommand(command);
    if (command != e.command) continue;  // the others only as subcommands a value could name
    parsed_into = sub;
    // Every option in the form that takes the most (any number of values, extra arguments
    // too), except --format, the server's own, which takes one value in every command.
    for (const auto& n : names) {
      if (n == "format") {
        sub->add_option("--format", format);
      } else {
        sub->add_option("--" + n, values[n])->allow_extra_args(true);
      }
    }
    if (command == "show") {
      sub->add_option("target", show_target);  // one value, as in the command (cmd_show.cc)
    } else {
      sub->add_option("arguments", positionals);
    }
  }
  FUZZ_CHECK(parsed_into != nullptr);
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    std::fprintf(stderr, "CLI11 refuses the arguments: %s\n", error.what());
    FUZZ_CHECK(false);
  }
  FUZZ_CHECK(app.get_subcommands().size() == 1);
  FUZZ_CHECK(app.get_subcommands().front() == parsed_into);
  for (auto& [n, got] : values) {
    if (n == "index") {
      FUZZ_CHECK(got == std::vector<std::string>{kIndex});
    } else {
      const auto want = e.options.find(n);
      if (want == e.options.end()) {
        if (!got.empty()) std::fprintf(stderr, "--%s set by the request\n", n.c_str());
        FUZZ_CHECK(got.empty());
      } else {
        FUZZ_CHECK(got == want->second);
      }
    }
  }
  if (e.command == "show") {
    FUZZ_CHECK(positionals.empty());
    positionals.push_back(show_target);
  }
  FUZZ_CHECK(positionals == e.positionals);
  FUZZ_CHECK(format == (e.command != "export" ? "json" : e.format.empty() ? "jsonl" : e.format));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string target = input.substr(0, nl);
  std::string method = "GET";
  if (nl != std::string::npos) method = input.substr(nl + 1, input.find('\n', nl + 1) - nl - 1);

  annosearch::cli::ServeOptions options;
  options.index = kIndex;
  options.max_query_length = kMaxQueryLength;
  options.max_limit = kMaxLimit;
  options.max_url_length = 2000;

  // Before routing.
  const auto refused = annosearch::cli::refuse_request(method, target, options);
  if (method != "GET" && method != "HEAD") {
    FUZZ_CHECK(refused && refused->status == 405);
  } else if (target.size() > options.max_url_length) {
    FUZZ_CHECK(refused && refused->status == 414);
  } else {
    FUZZ_CHECK(!refused);
  }
  if (refused) check_error(*refused, {405, 414});

  // Decoding.
  const Decoded reference = reference_decode(target);
  annosearch::cli::DecodedTarget decoded;
  try {
    decoded = annosearch::cli::decode_target(target);
  } catch (const HttpError& e) {
    check_error(e, {400});
    FUZZ_CHECK(e.code == "bad_request");
    FUZZ_CHECK(!reference.ok);
    return 0;
  }
  FUZZ_CHECK(reference.ok);
  FUZZ_CHECK(decoded.path == reference.path);
  FUZZ_CHECK(decoded.params == reference.params);
  {
    std::string again = percent_encode(decoded.path);
    char sep = '?';
    for (const auto& [n, v] : decoded.params) {
      again.append(1, sep).append(percent_encode(n)).append("=").append(percent_encode(v));
      sep = '&';
    }
    const auto round = annosearch::cli::decode_target(again);
    FUZZ_CHECK(round.path == decoded.path);
    FUZZ_CHECK(round.params == decoded.params);
  }

  // Translation.
  const Expected expected = expect(reference);
  annosearch::cli::ApiRequest request;
  try {
    request = annosearch::cli::translate_request(target, options);
  } catch (const HttpError& e) {
    check_error(e, {400, 404, 413});
    if (expected.accepted) std::fprintf(stderr, "refused: %s\n", e.message.c_str());
    FUZZ_CHECK(!expected.accepted);
    return 0;
  }
  if (!expected.accepted) {
    for (const auto& a : request.args) std::fprintf(stderr, "accepted: [%s]\n", a.c_str());
  }
  FUZZ_CHECK(expected.accepted);
  FUZZ_CHECK(request.endpoint != nullptr);
  FUZZ_CHECK(request.endpoint->command == expected.command);
  FUZZ_CHECK(request.format == expected.format);

  // The vector's shape, argument by argument.
  const std::vector<std::string>& args = request.args;
  FUZZ_CHECK(args.size() >= 4);
  FUZZ_CHECK(args[0] == "annosearch");
  FUZZ_CHECK(args[1] == expected.command);
  FUZZ_CHECK(args[2] == std::string("--index=") + kIndex);
  const auto dashes = std::find(args.begin(), args.end(), "--");
  FUZZ_CHECK(dashes - args.begin() >= 4);
  const std::string& format = *(dashes - 1);  // last before "--": it takes one value only
  if (expected.command == "export") {
    FUZZ_CHECK(format == "--format=" + (expected.format.empty() ? "jsonl" : expected.format));
  } else {
    FUZZ_CHECK(format == "--format=json");
  }
  const Spec& spec = specs().at(expected.command);
  std::map<std::string, std::vector<std::string>> options_seen;
  const auto format_at = static_cast<std::size_t>(dashes - args.begin()) - 1;
  for (std::size_t i = 3; i < format_at; ++i) {
    const std::string& a = args[i];
    FUZZ_CHECK(a.rfind("--", 0) == 0);
    const std::size_t eq = a.find('=');
    FUZZ_CHECK(eq != std::string::npos && eq > 2);
    const std::string n = a.substr(2, eq - 2);
    FUZZ_CHECK(spec.options.count(n) == 1);
    FUZZ_CHECK(std::find(kRefused.begin(), kRefused.end(), n) == kRefused.end());
    FUZZ_CHECK(eq + 1 < a.size());  // never "--NAME=": CLI11 would take the next argument
    options_seen[n].push_back(a.substr(eq + 1));
  }
  FUZZ_CHECK(options_seen == expected.options);
  const std::vector<std::string> rest(dashes == args.end() ? dashes : dashes + 1, args.end());
  FUZZ_CHECK(rest == expected.positionals);
  FUZZ_CHECK(dashes == args.end() || !rest.empty());  // "--" only before positional arguments

  check_with_cli11(args, expected);
  return 0;
}
