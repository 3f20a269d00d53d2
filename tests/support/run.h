// Runs the annosearch command (or any command) for end-to-end tests and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace annosearch::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `annosearch ARGS...` (the built binary), with optional standard input.
RunResult run_annosearch(const std::vector<std::string>& args, const std::string& stdin_text = "");
// Runs a program with arguments, no shell involved.
RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "");

// Paths inside the source tree and the shared data folder.
std::string source_path(const std::string& relative);
std::string shared_path(const std::string& relative);

}  // namespace annosearch::test
