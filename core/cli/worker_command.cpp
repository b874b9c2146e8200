#include "cli/worker_command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "host/isolation/worker.hpp"

namespace surveycheck::cli {

int run_worker_command() {
    struct stat info {};
    if (::fstat(STDIN_FILENO, &info) != 0 || !S_ISSOCK(info.st_mode)) {
        std::cerr
            << "surveycheck: `worker` is started by surveycheck itself for --isolation; it is not a command "
               "to run by hand\n";
        return exit_usage;
    }
    // The channel moves off the standard streams, so a plugin that reads or prints cannot break the protocol.
    const int channel = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (channel < 0 || null < 0 || ::dup2(null, STDIN_FILENO) < 0 ||
        ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        std::cerr << "surveycheck worker: cannot set up its channel\n";
        return exit_incomplete;
    }
    ::close(null);
    return host::run_worker(channel);
}

}  // namespace surveycheck::cli
