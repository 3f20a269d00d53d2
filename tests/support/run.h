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
// Runs a program with arguments, no shell involved. `env` entries ("NAME=value") are added to the
// environment.
RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                      const std::vector<std::string>& env = {});
// Runs `annosearch ARGS...` with extra environment entries.
RunResult run_annosearch_env(const std::vector<std::string>& env,
                             const std::vector<std::string>& args);

// Starts a program in the background with stdout/stderr appended to `log_path`; returns its pid.
int spawn_background(const std::vector<std::string>& argv, const std::string& log_path);
// Waits for a background program; returns its exit code (128 + signal when killed).
int wait_for(int pid);

// The path of the built annosearch command.
std::string annosearch_bin();

// The whole content of a file (empty when it cannot be read), and its lines without '\n'.
std::string read_file(const std::string& path);
std::vector<std::string> read_lines(const std::string& path);

// Paths inside the source tree and the shared data folder (the workplace's shared/ beside the
// checkout, or $ANNOSEARCH_SHARED_DIR when set).
std::string source_path(const std::string& relative);
std::string shared_path(const std::string& relative);
// shared_path(relative), failing the test with where it looked and what to do when it is missing:
// tests on third-party data never pass silently without it.
std::string require_shared_path(const std::string& relative);

}  // namespace annosearch::test
