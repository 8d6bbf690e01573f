#include "support/background_program.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/exec_program.h"
#include "support/shell_command.h"

namespace kiosk::test {

BackgroundProgram::BackgroundProgram(const std::vector<std::string>& args, const std::filesystem::path& folder,
                                     const std::string& name)
    : out_file_(folder / (name + ".out")), err_file_(folder / (name + ".err"))
{
    int input[2];
    if (args.empty() || ::pipe2(input, O_CLOEXEC) != 0)
        throw std::runtime_error("cannot start " + name + ": " + std::strerror(errno));
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error("fork for " + name + ": " + std::strerror(errno));
    if (pid_ == 0) {
        ::setpgid(0, 0);
        // A test that crashes takes the program with it.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        const int out = ::open(out_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0 || err < 0)
            ::_exit(127);
        ::dup2(input[0], STDIN_FILENO);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        ::close(out);
        ::close(err);
        exec_program(args);
    }
    // Set here too, so the group exists before the parent might signal it.
    ::setpgid(pid_, pid_);
    ::close(input[0]);
    stdin_ = input[1];
}

BackgroundProgram::~BackgroundProgram()
{
    kill_group();
    if (stdin_ >= 0)
        ::close(stdin_);
}

void BackgroundProgram::say(const std::string& line)
{
    // A program that ended is reported here, not by SIGPIPE ending the test.
    ::signal(SIGPIPE, SIG_IGN);
    const std::string text = line + "\n";
    if (::write(stdin_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error("the program no longer reads its stdin: " + std::string(std::strerror(errno)));
}

void BackgroundProgram::terminate()
{
    if (running())
        ::kill(pid_, SIGTERM);
}

bool BackgroundProgram::running()
{
    if (pid_ <= 0)
        return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == 0)
        return true;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
    return false;
}

int BackgroundProgram::wait(std::chrono::seconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (running()) {
        kill_group();
        return -1;
    }
    return exit_status_;
}

void BackgroundProgram::kill_group()
{
    if (pid_ <= 0)
        return;
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    exit_status_ = -1;
}

std::string BackgroundProgram::out() const
{
    return read_text_file(out_file_);
}

std::string BackgroundProgram::err() const
{
    return read_text_file(err_file_);
}

} // namespace kiosk::test
