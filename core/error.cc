// Error exit codes and the one-line diagnostic format.
#include "core/error.h"

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
  std::string out = file.empty() ? std::string("-") : file;
  out += ':';
  out += std::to_string(line);
  out += ": id=";
  out += doc_id.empty() ? std::string("?") : doc_id;
  out += ": ";
  out += field.empty() ? std::string("-") : field;
  out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  out += message;
  return out;
}

}  // namespace annosearch
