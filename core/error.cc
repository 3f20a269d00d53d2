// Error exit codes and the one-line diagnostic format.
#include "core/error.h"

#include "core/escape.h"

namespace annosearch {

ExitCode Error::exit_code() const {
  switch (kind_) {
    case ErrorKind::kUsage:
      return ExitCode::kUsage;
    case ErrorKind::kIndex:
      return ExitCode::kIndex;
    case ErrorKind::kInput:
      return ExitCode::kProblem;
    case ErrorKind::kInternal:
      return ExitCode::kInternal;
  }
  return ExitCode::kInternal;
}

const char* to_string(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

std::string Diagnostic::format() const {
  // Every part comes from the input (a file name, an id, a message quoting a value): escaped, so a
  // newline in an id cannot print a second, forged diagnostic, nor ESC drive the terminal.
  std::string out = file.empty() ? std::string("-") : escape_control(file);
  out += ':';
  out += std::to_string(line);
  out += ": id=";
  out += doc_id.empty() ? std::string("?") : escape_control(doc_id);
  out += ": ";
  out += field.empty() ? std::string("-") : escape_control(field);
  out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  out += escape_control(message);
  return out;
}

}  // namespace annosearch
