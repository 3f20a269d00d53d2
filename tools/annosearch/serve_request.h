// `annosearch serve`: from an HTTP request to the argument vector of the command it runs
// (docs/http-api.md). Pure functions of the request and the server's options: no index, no
// socket, no CLI11, so that tests and the fuzz target tests/fuzz/fuzz_http.cc call them directly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/annosearch/serve_server.h"

namespace annosearch::cli {

// An error answered as {"error": {"code", "message", ...}} with an HTTP status.
struct HttpError {
  int status = 500;
  std::string code;
  std::string message;
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // closest, limit, ...
};

// An /api/ endpoint: the command it runs and the query parameters it takes.
struct Endpoint {
  std::string command;
  // Query parameters that are the command's positional arguments, in order ("q" is the query or
  // target; cooccur's free-text query is "query").
  std::vector<std::string> positionals;
  // Query parameters that are options of the command (`--NAME=VALUE`): the allow-list. Anything
  // else is refused before the command runs (tests/tools/serve_request_test.cc compares it with
  // the command's --help, so a new option is either added here or deliberately left out).
  std::vector<std::string> options;
  std::vector<std::string> formats = {"json"};  // what `format` may be
  bool streamed = false;
};

// The endpoints, by the NAME of /api/NAME.
[[nodiscard]] const std::map<std::string, Endpoint>& endpoints();

// Query parameters in the order of the request, names and values decoded.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct DecodedTarget {
  std::string path;    // percent-decoded ('+' stays '+')
  QueryParams params;  // split at '&' and at the first '='; '+' is a space; empty names skipped
};

// Decodes a request target ("/path?query", as sent on the request line). Strict and total: an
// invalid percent-escape (not '%' and two hex digits) or a decoded path, name or value that is
// not valid UTF-8 throws HttpError 400 "bad_request"; any other input decodes.
[[nodiscard]] DecodedTarget decode_target(std::string_view target);

// The refusals made before routing: a method other than GET or HEAD (405), a target longer than
// --max-url-length (414). std::nullopt: go on.
[[nodiscard]] std::optional<HttpError> refuse_request(std::string_view method,
                                                      std::string_view target,
                                                      const ServeOptions& options);

// What an /api/ request runs.
struct ApiRequest {
  const Endpoint* endpoint = nullptr;
  // argv: "annosearch", the command, --index=<the served index>, one --NAME=VALUE per option
  // parameter (each NAME on the endpoint's allow-list, each VALUE a non-empty parameter value),
  // --format=..., then "--" and the positional arguments (the show ID first), if any.
  std::vector<std::string> args;
  std::string format;  // the `format` parameter ("" when not given)
};

// Translates a request target /api/NAME?... or /api/show/ID?... into the command's arguments,
// with the server's limits. Throws HttpError: 404 for an unknown endpoint, 400/413 for a refused
// parameter (see docs/http-api.md), 400 when decode_target does.
[[nodiscard]] ApiRequest translate_request(std::string_view target, const ServeOptions& options);

}  // namespace annosearch::cli
