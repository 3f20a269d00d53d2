// Making untrusted text safe to print: one function, used for every diagnostic and every text
// output, so a corpus or a file name can neither forge an output line nor drive the terminal.
#pragma once

#include <string>
#include <string_view>

namespace annosearch {

// Returns `text` with every byte or character a terminal would act on written as a visible escape:
// C0 controls and DEL as "\xNN" (newline "\n", tab "\t", carriage return "\r"), C1 controls and
// the bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) as "\uNNNN", and each
// byte that is not part of valid UTF-8 as "\xNN". Backslashes are left alone, so ordinary text
// prints unchanged. With `keep_line_breaks`, '\n' and '\t' stay as they are (multi-line text
// output); a lone '\r' is still escaped.
[[nodiscard]] std::string escape_control(std::string_view text, bool keep_line_breaks = false);

// Returns `text` with each byte that is not part of valid UTF-8 replaced by U+FFFD, so it can go
// into JSON (nlohmann::json refuses invalid UTF-8 when it dumps). Valid text is returned unchanged.
[[nodiscard]] std::string valid_utf8(std::string_view text);

}  // namespace annosearch
