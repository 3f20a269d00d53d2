// Errors and diagnostics shared by every annosearch module.
//
// Two channels, as DuckDB does it: an Error is thrown only for a failure that ends the operation
// (missing index, usage error, bug); a problem with one input record is a Diagnostic, collected and
// reported, never thrown, so one bad record never stops the others.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace annosearch {

// Process exit codes of the `annosearch` command (docs/operations.md, "Exit codes").
enum class ExitCode : int {
  kOk = 0,        // success
  kProblem = 1,   // ran, but found a problem (rejected records, validation errors, differences)
  kUsage = 2,     // bad command line or query
  kIndex = 3,     // index missing, locked, corrupt or of another schema version
  kInternal = 4,  // a bug or an unexpected failure
};

// What kind of failure ended an operation; decides the exit code.
enum class ErrorKind { kUsage, kIndex, kInput, kInternal };

// A name an error suggests instead of the one given (an entity or theme close to it).
struct ErrorCandidate {
  std::string id;
  std::string name;  // the entity's name or the theme's label
  std::string type;  // the entity type; "" for a theme
};

// The one exception type of the annosearch libraries. what() is one line saying what went wrong,
// where, and what to do. Some errors also carry a machine-readable code ("unknown_actor",
// "ambiguous_actor", "unknown_theme", "ambiguous_theme", "unknown_document", "unknown_passage")
// and the candidates they name, for callers that answer in JSON (`annosearch serve`).
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Error(ErrorKind kind, std::string code, const std::string& message,
        std::vector<ErrorCandidate> candidates = {})
      : std::runtime_error(message),
        kind_(kind),
        code_(std::move(code)),
        candidates_(std::move(candidates)) {}
  [[nodiscard]] ErrorKind kind() const { return kind_; }
  [[nodiscard]] ExitCode exit_code() const;
  [[nodiscard]] const std::string& code() const { return code_; }  // "" for most errors
  [[nodiscard]] const std::vector<ErrorCandidate>& candidates() const { return candidates_; }

 private:
  ErrorKind kind_;
  std::string code_;
  std::vector<ErrorCandidate> candidates_;
};

enum class Severity { kError, kWarning };

// One problem with one input record: where (file, line, document id, field) and what.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;      // path as given by the user; empty for standard input ("-")
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::string doc_id;    // empty when the record has no readable id
  std::string field;     // JSON path of the field, e.g. "entities[2].mentions[0].end"; may be empty
  std::string message;

  // "FILE:LINE: id=ID: FIELD: message" (warnings say "warning: " before the message), each part
  // with its control characters escaped (escape_control in core/escape.h): always one line.
  [[nodiscard]] std::string format() const;
};

[[nodiscard]] const char* to_string(Severity severity);

}  // namespace annosearch
