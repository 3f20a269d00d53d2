// `annosearch serve`: request target -> command arguments (docs/http-api.md).
#include "tools/annosearch/serve_request.h"

#include <algorithm>

#include "core/document.h"
#include "core/escape.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

// The options of the query commands (query_options.cc), which every query endpoint takes.
std::vector<std::string> query_options(std::vector<std::string> own) {
  std::vector<std::string> all{"actor",     "theme",        "from",      "to",
                               "when",      "type",         "level",     "actor-any",
                               "theme-any", "min-mentions", "mentioned", "gold-only"};
  all.insert(all.end(), own.begin(), own.end());
  return all;
}

// Options a request may not set, with their own message: the server chooses the index, the
// registry and the taxonomy; help would print, not answer; nothing is written or reported.
bool reserved_parameter(const std::string& name) {
  return name == "index" || name == "help" || name == "h" || name == "registry" ||
         name == "themes" || name == "report" || name == "progress" || name == "quiet";
}

bool valid_parameter_name(const std::string& name) {
  if (name.empty() || name.size() > 40 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Whether a page-size parameter (limit, facet-size) asks for more than --max-limit: a number
// above it, "all", or 0 where 0 means every value (entities' and cooccur's limit, facet-size).
bool over_page_limit(const Endpoint& ep, const std::string& name, const std::string& value,
                     std::size_t max_limit) {
  if (name != "limit" && name != "facet-size") return false;
  if (value == "all") return true;
  if (value.empty() || value.size() > 18 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;  // not a number: the command's own check says so
  }
  const unsigned long long n = std::stoull(value);
  const bool zero_is_all =
      name == "facet-size" || ep.command == "entities" || ep.command == "cooccur";
  return n > max_limit || (n == 0 && zero_is_all);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

HttpError bad_request(std::string message) {
  return HttpError{400, "bad_request", std::move(message)};
}

// Percent-decodes one component of the target; `what` names it in the error.
std::string decode_component(std::string_view s, bool plus_is_space, const std::string& what) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      const int hi = i + 1 < s.size() ? hex_digit(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_digit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        throw bad_request("invalid percent-escape \"" +
                          escape_control(s.substr(i, std::min<std::size_t>(3, s.size() - i))) +
                          "\" in " + what + ": write %XX with two hexadecimal digits (%25 for %)");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!is_valid_utf8(out)) {
    throw bad_request(what + " is not valid UTF-8 once decoded: \"" + escape_control(out) + "\"");
  }
  return out;
}

}  // namespace

const std::map<std::string, Endpoint>& endpoints() {
  static const std::map<std::string, Endpoint> kEndpoints{
      {"search",
       {"search",
        {"q"},
        query_options({"limit", "offset", "sort", "facets", "normalize", "facet-prefix",
                       "facet-size", "date-buckets", "match", "max-expansion", "expand"})}},
      {"facets",
       {"facets",
        {"q"},
        query_options({"limit", "offset", "sort", "facets", "normalize", "facet-prefix",
                       "facet-size", "date-buckets", "match", "max-expansion", "expand"})}},
      {"entities", {"entities", {"q"}, {"type", "limit"}}},
      {"kwic", {"kwic", {"q"}, query_options({"width", "sort"})}},
      {"timeline",
       {"timeline", {"q"}, query_options({"by", "mentioned-dates", "normalize", "bar-width"})}},
      {"cooccur", {"cooccur", {"q", "query"}, query_options({"limit"})}},
      {"compare", {"compare", {"q"}, query_options({"top", "by"})}},
      {"show", {"show", {}, {"context"}}},
      {"export", {"export", {"q"}, query_options({}), {"jsonl", "csv"}, true}},
      {"stats", {"stats", {}, {}}},
  };
  return kEndpoints;
}

DecodedTarget decode_target(std::string_view target) {
  DecodedTarget out;
  const std::size_t question = target.find('?');
  out.path = decode_component(target.substr(0, question), false, "the path");
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    const std::size_t eq = piece.find('=');
    std::string name = decode_component(piece.substr(0, eq), true, "a parameter name");
    if (name.empty()) continue;
    std::string value = eq == std::string_view::npos
                            ? std::string()
                            : decode_component(piece.substr(eq + 1), true,
                                               "the value of parameter " + escape_control(name));
    out.params.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

std::optional<HttpError> refuse_request(std::string_view method, std::string_view target,
                                        const ServeOptions& options) {
  if (method != "GET" && method != "HEAD") {
    return HttpError{
        405, "method_not_allowed",
        "the API is read-only: " + escape_control(method) + " is not allowed (GET or HEAD)"};
  }
  if (target.size() > options.max_url_length) {
    return HttpError{414, "url_too_long",
                     "the request is " + std::to_string(target.size()) +
                         " bytes long; this server takes at most " +
                         std::to_string(options.max_url_length)};
  }
  return std::nullopt;
}

ApiRequest translate_request(std::string_view target, const ServeOptions& o) {
  DecodedTarget decoded = decode_target(target);
  const std::string prefix = "/api/";
  if (decoded.path.rfind(prefix, 0) != 0) {
    throw HttpError{404, "not_found", "no such page: " + escape_control(decoded.path)};
  }
  std::string endpoint_name = decoded.path.substr(prefix.size());
  std::string show_id;
  const std::string show_prefix = "show/";
  if (endpoint_name.rfind(show_prefix, 0) == 0) {
    show_id = endpoint_name.substr(show_prefix.size());
    endpoint_name = "show";
  }
  const auto it = endpoints().find(endpoint_name);
  if (it == endpoints().end()) {
    std::string list;
    for (const auto& [n, e] : endpoints()) list += (list.empty() ? "/api/" : ", /api/") + n;
    throw HttpError{
        404, "not_found",
        "no endpoint /api/" + escape_control(endpoint_name) + "; the endpoints are " + list};
  }
  const Endpoint& ep = it->second;
  // In name order, repeated names in request order (as the server's parameters were before).
  QueryParams params = std::move(decoded.params);
  std::stable_sort(params.begin(), params.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (ep.command == "show") {
    if (show_id.empty()) throw HttpError{400, "usage", "write /api/show/ID or /api/show/ID%23N"};
    const auto passage = std::find_if(params.begin(), params.end(),
                                      [](const auto& p) { return p.first == "passage"; });
    if (passage != params.end()) {
      if (std::count_if(params.begin(), params.end(),
                        [](const auto& p) { return p.first == "passage"; }) > 1) {
        throw HttpError{400, "usage", "passage is given more than once; give one passage number"};
      }
      show_id += "#" + passage->second;
      params.erase(passage);
    }
  }

  ApiRequest request;
  request.endpoint = &ep;
  std::vector<std::string> options;
  std::map<std::string, std::vector<std::string>> positional;
  for (const auto& [raw_name, value] : params) {
    std::string name = raw_name;
    std::replace(name.begin(), name.end(), '_', '-');
    if (!valid_parameter_name(name)) {
      throw HttpError{400, "usage", "unknown parameter \"" + escape_control(raw_name) + "\""};
    }
    if (value.size() > o.max_query_length) {
      throw HttpError{413, "query_too_long",
                      "parameter " + name + " is " + std::to_string(value.size()) +
                          " bytes long; this server takes at most " +
                          std::to_string(o.max_query_length) + " (--max-query-length)",
                      ojson{{"limit", o.max_query_length}}};
    }
    if (reserved_parameter(name)) {
      throw HttpError{400, "usage",
                      "parameter " + name +
                          " is not accepted over HTTP (the server reads the index it was started "
                          "on)"};
    }
    if (name == "format") {
      if (std::find(ep.formats.begin(), ep.formats.end(), value) == ep.formats.end()) {
        std::string list;
        for (const auto& f : ep.formats) list += (list.empty() ? "" : ", ") + f;
        throw HttpError{
            400, "usage",
            "format \"" + escape_control(value) + "\": /api/" + ep.command + " answers " + list};
      }
      request.format = value;
      continue;
    }
    // CLI11 reads "[a,b]" as the list a, b wherever several values may follow (the query words,
    // compare's targets, options that take several values): refused, so that a value always
    // reaches the command as it was sent.
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
      throw HttpError{400, "usage",
                      "parameter " + name + " \"" + escape_control(value) +
                          "\" is in brackets, which the command line parser reads as a list; give "
                          "each value as a parameter of its own, or leave the brackets out"};
    }
    if (std::find(ep.positionals.begin(), ep.positionals.end(), name) != ep.positionals.end()) {
      positional[name].push_back(value);
      continue;
    }
    if (std::find(ep.options.begin(), ep.options.end(), name) == ep.options.end()) {
      std::string list;
      for (const auto& p : ep.positionals) list += (list.empty() ? "" : ", ") + p;
      for (const auto& p : ep.options) list += (list.empty() ? "" : ", ") + p;
      if (ep.command == "show") list += (list.empty() ? "" : ", ") + std::string("passage");
      throw HttpError{400, "usage",
                      "unknown parameter \"" + escape_control(raw_name) + "\" for /api/" +
                          ep.command + "; its parameters are " +
                          (list.empty() ? std::string("none") : list) + " (docs/http-api.md)"};
    }
    // `--NAME=` would make CLI11 take the next argument as the value (the "--" before the
    // positional arguments, so that a query could then set an option): refused.
    if (value.empty()) {
      throw HttpError{400, "usage",
                      "parameter " + name + " is empty: give it a value or leave it out"};
    }
    if (over_page_limit(ep, name, value, o.max_limit)) {
      throw HttpError{400, "limit_too_large",
                      name + " " + escape_control(value) +
                          " is more than this server gives in one page (" +
                          std::to_string(o.max_limit) +
                          ", --max-limit); page with offset, or use /api/export for every match",
                      ojson{{"limit", o.max_limit}}};
    }
    std::string option = "--";
    option.append(name).append("=").append(value);
    options.push_back(std::move(option));
  }
  std::vector<std::string>& args = request.args;
  args = {"annosearch", ep.command, "--index=" + o.index};
  args.insert(args.end(), options.begin(), options.end());
  // --format last, right before "--": it takes exactly one value, so CLI11 reads the "--" after it
  // as the end of the options. After an option that takes several values (a vector without
  // allow_extra_args(false)) CLI11 would drop the "--" as the end of that option's values and
  // read the positional arguments as options again (tests/fuzz/fuzz_http.cc checks this).
  if (ep.command == "export") {
    args.push_back("--format=" + (request.format.empty() ? "jsonl" : request.format));
  } else {
    args.emplace_back("--format=json");
  }
  // Positional arguments after "--": a query such as "-word" is never read as an option.
  std::vector<std::string> rest;
  if (ep.command == "show") rest.push_back(show_id);
  for (const auto& p : ep.positionals) {
    for (const auto& v : positional[p]) rest.push_back(v);
    // cooccur: its free-text query only after the actor.
    if (p == "q" && ep.command == "cooccur" && positional[p].empty() &&
        !positional["query"].empty()) {
      throw HttpError{400, "usage", "cooccur needs its actor as q"};
    }
  }
  if (!rest.empty()) {
    args.emplace_back("--");
    args.insert(args.end(), rest.begin(), rest.end());
  }
  return request;
}

}  // namespace annosearch::cli
