// Spawns a process with posix_spawn and collects its output through temporary files.
#include "tests/support/run.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"

extern char** environ;

namespace annosearch::test {
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

namespace {

std::vector<char*> c_strings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& a : v) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text,
                      const std::vector<std::string>& env) {
  TempDir tmp;
  const std::string in_path = tmp.write("stdin", stdin_text);
  const std::string out_path = tmp.str("stdout");
  const std::string err_path = tmp.str("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<char*> args = c_strings(argv);
  const std::vector<std::string> env_strings = environment_with(env);
  std::vector<char*> envp = c_strings(env_strings);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = exit_code_of(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

RunResult run_annosearch_env(const std::vector<std::string>& env,
                             const std::vector<std::string>& args) {
  std::vector<std::string> argv{ANNOSEARCH_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, "", env);
}

int spawn_background(const std::vector<std::string>& argv, const std::string& log_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args = c_strings(argv);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

int wait_for(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return exit_code_of(status);
}

std::string annosearch_bin() { return ANNOSEARCH_BIN; }

RunResult run_annosearch(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::vector<std::string> argv{ANNOSEARCH_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, stdin_text);
}

std::string source_path(const std::string& relative) {
  return std::string(ANNOSEARCH_SOURCE_DIR) + "/" + relative;
}

std::string shared_path(const std::string& relative) {
  const char* env = std::getenv("ANNOSEARCH_SHARED_DIR");
  const std::string root = env != nullptr && *env != '\0' ? env : ANNOSEARCH_SHARED_DIR;
  return root + "/" + relative;
}

std::string require_shared_path(const std::string& relative) {
  const std::string path = shared_path(relative);
  if (!std::filesystem::exists(path)) {
    FAIL("test data missing: " + path +
         "; put the workplace's shared/ folder beside the checkout, or set ANNOSEARCH_SHARED_DIR "
         "to it");
  }
  return path;
}

}  // namespace annosearch::test
