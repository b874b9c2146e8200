// Where outputs go: never over a device, a FIFO or a file the run reads; with the mode the run chooses; all
// of a run's reports or none; no temporary file left when the run is interrupted; folders read without
// leaving them.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <future>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bounded_cli.hpp"
#include "hostile_files.hpp"

namespace {

namespace fs = std::filesystem;

using surveycheck::test::BoundedOutcome;
using surveycheck::test::describe;
using surveycheck::test::read_file;

const std::string seed_report = std::string(SURVEYCHECK_SOURCE_DIR) + "/examples/s3-seed-report.xml";
const std::string old_text = "kept from before\n";

class SafeOutputs : public surveycheck::test::BoundedCliFixture {
protected:
    // Run `surveycheck ARGS` through the shell after `prefix` (e.g. "umask 077;"), standard error to
    // stderr.txt and standard output to `out`; the exit code.
    int shell(const std::string& prefix, const std::string& args,
              const std::string& out = "/dev/null") const {
        const std::string command = prefix + " '" + SURVEYCHECK_EXE + "' " + args + " >'" + out + "' 2>'" +
                                    path("stderr.txt") + "' </dev/null";
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::string err() const { return read_file(path("stderr.txt")); }

    // The permission bits of `name` in the test's folder.
    unsigned mode_of(const std::string& name) const {
        struct stat info {};
        EXPECT_EQ(::stat(path(name).c_str(), &info), 0) << name;
        return info.st_mode & 0777;
    }
};

TEST_F(SafeOutputs, CharacterDeviceIsWrittenThroughNeverReplaced) {
    if (::geteuid() != 0) GTEST_SKIP() << "making a device node needs root";
    const std::string input = write("export.xml", read_file(seed_report));
    const std::string device = path("null");  // our own /dev/null, so a failure breaks nothing else
    ASSERT_EQ(::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)), 0) << std::strerror(errno);
    const BoundedOutcome result = run_bounded({"validate", "--format", "json", "-o", device, input});
    EXPECT_EQ(result.code, 0) << describe(result);
    struct stat info {};
    ASSERT_EQ(::stat(device.c_str(), &info), 0);
    EXPECT_TRUE(S_ISCHR(info.st_mode)) << "the device became a regular file";
    EXPECT_EQ(info.st_rdev, makedev(1, 3));
    EXPECT_EQ(folder_names(), (std::vector<std::string>{"export.xml", "null"}));
}

// Everything written to the FIFO `fifo` while `run` runs, and what `run` returned. Read without blocking, so
// a run that replaced the FIFO fails the test instead of hanging it.
template <class Run>
std::pair<std::string, decltype(std::declval<Run>()())> read_fifo_while(const std::string& fifo, Run run) {
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    EXPECT_GE(reader, 0) << fifo;
    auto running = std::async(std::launch::async, run);
    std::string content;
    for (bool finished = false;;) {
        char buffer[1 << 16];
        const ssize_t n = ::read(reader, buffer, sizeof buffer);
        if (n > 0) {
            content.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (finished) break;
        finished = running.wait_for(std::chrono::milliseconds(10)) == std::future_status::ready;
    }
    ::close(reader);
    return {content, running.get()};
}

TEST_F(SafeOutputs, FifoIsWrittenThroughNeverReplaced) {
    const std::string input = write("export.xml", read_file(seed_report));
    const std::string fifo = path("report.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto [report, result] = read_fifo_while(fifo, [&] {
        return run_bounded({"validate", "--format", "json:" + fifo, input});
    });
    EXPECT_EQ(result.code, 0) << describe(result);
    EXPECT_NE(report.find("\"findings\""), std::string::npos) << report.substr(0, 200);
    struct stat info {};
    ASSERT_EQ(::stat(fifo.c_str(), &info), 0);
    EXPECT_TRUE(S_ISFIFO(info.st_mode)) << "the FIFO became a regular file";
}

// redact proves its output by reading it back, which a FIFO cannot be: the proof reads a spool in TMPDIR, and
// the FIFO gets the very bytes a file would, only once proven; the spool is gone after.
TEST_F(SafeOutputs, RedactThroughAFifoSendsTheProvenExportAndLeavesNoSpool) {
    const std::string input = write("export.xml", read_file(seed_report));
    fs::create_directory(dir_ / "tmp");
    const std::string tmpdir = "TMPDIR='" + path("tmp") + "'";
    ASSERT_EQ(shell(tmpdir, "redact '" + input + "' -o '" + path("public.xml") + "'"), 0) << err();
    const std::string fifo = path("public.fifo");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto [sent, code] =
        read_fifo_while(fifo, [&] { return shell(tmpdir, "redact '" + input + "' -o '" + fifo + "'"); });
    EXPECT_EQ(code, 0) << err();
    EXPECT_EQ(sent, read_file(path("public.xml")));
    EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

// A device that is full: the redacted export is proven in the spool, then cannot be written; exit 2 naming
// the device, and neither the device nor a spool is left behind changed.
TEST_F(SafeOutputs, RedactToAFullDeviceIsAWriteErrorAndLeavesNoSpool) {
    const std::string input = write("export.xml", read_file(seed_report));
    fs::create_directory(dir_ / "tmp");
    std::string full = "/dev/full";
    if (::geteuid() == 0) {
        full = path("full");
        ASSERT_EQ(::mknod(full.c_str(), S_IFCHR | 0666, makedev(1, 7)), 0) << std::strerror(errno);
    }
    EXPECT_EQ(shell("TMPDIR='" + path("tmp") + "'", "redact '" + input + "' -o '" + full + "'"), 2);
    EXPECT_NE(err().find("cannot write " + full + ": No space left on device"), std::string::npos) << err();
    EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
    struct stat info {};
    EXPECT_TRUE(::stat(full.c_str(), &info) == 0 && S_ISCHR(info.st_mode))
        << full << " is no longer a device";
}

// A refused redaction leaves the output folder as it was: no file, no temporary.
TEST_F(SafeOutputs, RefusedRedactionLeavesNoTemporaryFile) {
    const std::string input =
        write("export.xml", "<?xml version=\"1.0\"?>\n<Results><!-- hand edit --></Results>\n");
    EXPECT_EQ(shell("", "redact '" + input + "' -o '" + path("public.xml") + "'"), 1) << err();
    EXPECT_EQ(folder_names(), (std::vector<std::string>{"export.xml"}));
}

TEST_F(SafeOutputs, SocketOrFolderIsRefusedBeforeAnythingRuns) {
    const std::string input = write("export.xml", read_file(seed_report));
    fs::create_directory(dir_ / "folder");
    const BoundedOutcome result = run_bounded({"validate", "--format", "json:" + path("folder"), input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_NE(result.err.find("--format json " + path("folder") + ": a folder; reports go to regular files"),
              std::string::npos)
        << result.err;
}

TEST_F(SafeOutputs, InternalReportsAreOwnerOnlyAndPublicOnesFollowTheUmask) {
    const std::string input = write("export.xml", read_file(seed_report));
    // Internal (the default audience): every report quotes confidential answers, whatever the umask.
    EXPECT_EQ(shell("cd '" + dir_.string() + "'; umask 022;",
                    "--log-file run.log --log-level info validate --format json:internal.json --format "
                    "html:internal.html --write-baseline baseline.json '" +
                        input + "'"),
              0)
        << err();
    for (const auto* name : {"internal.json", "internal.html", "run.log", "baseline.json"}) {
        EXPECT_EQ(mode_of(name), 0600u) << name;
    }
    // Public: nothing confidential in it, so the umask decides.
    EXPECT_EQ(shell("cd '" + dir_.string() + "'; umask 022;",
                    "validate --audience public --format json:public.json '" + input + "'"),
              1)
        << err();
    EXPECT_EQ(mode_of("public.json"), 0644u);
    EXPECT_EQ(shell("cd '" + dir_.string() + "'; umask 077;",
                    "validate --audience public --format json:public-077.json '" + input + "'"),
              1)
        << err();
    EXPECT_EQ(mode_of("public-077.json"), 0600u);
    // Told otherwise: exactly the mode given.
    EXPECT_EQ(shell("cd '" + dir_.string() + "'; umask 077;",
                    "validate --output-mode 640 --format json:shared.json '" + input + "'"),
              0)
        << err();
    EXPECT_EQ(mode_of("shared.json"), 0640u);
    EXPECT_EQ(shell("", "validate --output-mode 0999 '" + input + "'"), 2);
    EXPECT_NE(err().find("--output-mode expects octal"), std::string::npos) << err();
}

TEST_F(SafeOutputs, FullStandardOutputIsAnErrorNotATruncatedSuccess) {
    const std::string input = write("export.xml", read_file(seed_report));
    for (const std::string format : {"text", "json", "jsonl", "html"}) {
        EXPECT_EQ(shell("", "validate --format " + format + " '" + input + "'", "/dev/full"), 2) << format;
        EXPECT_NE(err().find("cannot write to standard output: No space left on device"), std::string::npos)
            << format << ": " << err();
    }
    EXPECT_EQ(shell("", "rules", "/dev/full"), 2);
    EXPECT_NE(err().find("cannot write to standard output"), std::string::npos) << err();
}

TEST_F(SafeOutputs, LogFileThatIsAnInputIsRefusedAndTheInputKept) {
    const std::string exported = read_file(seed_report);
    const std::string input = write("export.xml", exported);
    const BoundedOutcome result =
        run_bounded({"--log-file", input, "--log-level", "debug", "validate", "--format", "json", input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_NE(result.err.find("--log-file " + input + " is one of the inputs; refusing to log into it"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(read_file(input), exported);
}

TEST_F(SafeOutputs, OutputThatIsTheBaselineProfileOrConfigIsRefusedAndKept) {
    const std::string input = write("export.xml", read_file(seed_report));
    ASSERT_EQ(shell("", "validate --write-baseline '" + path("baseline.json") + "' '" + input + "'"), 0)
        << err();
    const std::string baseline = read_file(path("baseline.json"));
    const std::string profile = write("profile.xml", surveycheck::test::hostile_profile);
    const std::string config = write("config.xml", "<surveycheck-config version=\"1\"/>\n");
    write("run.log", "yesterday's log\n");
    // Each case: the options that read a file and write over it, the file, and what the run calls it.
    struct Case {
        std::vector<std::string> args;
        std::string file;
        std::string what;
    };
    const std::vector<Case> cases = {
        {{"validate", input, "--baseline", path("baseline.json"), "--format",
          "json:" + path("baseline.json")},
         "baseline.json",
         "the baseline"},
        {{"validate", input, "--baseline", path("baseline.json"), "--write-baseline", path("baseline.json")},
         "baseline.json",
         "the baseline"},
        {{"validate", input, "--profile", profile, "-o", profile}, "profile.xml", "the profile"},
        {{"validate", input, "--config", config, "--format", "sarif:" + config},
         "config.xml",
         "the config file"},
        {{"--log-file", profile, "validate", input, "--profile", profile}, "profile.xml", "the profile"},
        {{"--log-file", path("run.log"), "validate", input, "-o", path("run.log")},
         "run.log",
         "the log file"},
    };
    for (const auto& c : cases) {
        const std::string before = read_file(path(c.file));
        const BoundedOutcome result = run_bounded(c.args);
        EXPECT_EQ(result.code, 2) << c.file << ": " << describe(result);
        EXPECT_NE(result.err.find("is " + c.what + "; refusing to"), std::string::npos) << result.err;
        EXPECT_EQ(read_file(path(c.file)), before) << c.file;
    }
    EXPECT_EQ(read_file(path("baseline.json")), baseline);
}

TEST_F(SafeOutputs, ReportOverAPluginIsRefusedAndThePluginKept) {
    const std::string input = write("export.xml", read_file(seed_report));
    const std::string plugin = std::string(SURVEYCHECK_PLUGIN_FILE);
    const std::string before = read_file(plugin);
    const BoundedOutcome result = run_bounded({"validate", "--format", "json:" + plugin, input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_NE(result.err.find("is a plugin; refusing to overwrite it"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(plugin), before);
}

TEST_F(SafeOutputs, ReportsOfARunAreReplacedAllOrNone) {
    const std::string input = write("export.xml", read_file(seed_report));
    write("report.json", old_text);
    write("report.sarif", old_text);
    // A full device of the test's own when it can make one: a tool that replaced devices would otherwise
    // replace the machine's /dev/full (it did, as root, before this was fixed).
    std::string full = "/dev/full";
    if (::geteuid() == 0) {
        full = path("full");
        ASSERT_EQ(::mknod(full.c_str(), S_IFCHR | 0666, makedev(1, 7)), 0) << std::strerror(errno);
    }
    // The HTML report cannot be written: the JSON and SARIF reports stay yesterday's.
    const BoundedOutcome result =
        run_bounded({"validate", "--format", "json:" + path("report.json"), "--format",
                     "sarif:" + path("report.sarif"), "--format", "html:" + full, input});
    EXPECT_EQ(result.code, 2) << describe(result);
    EXPECT_NE(result.err.find("cannot write " + full + ": No space left on device"), std::string::npos)
        << result.err;
    EXPECT_EQ(read_file(path("report.json")), old_text);
    EXPECT_EQ(read_file(path("report.sarif")), old_text);
    std::vector<std::string> expected = {"export.xml", "report.json", "report.sarif"};
    if (full != "/dev/full") expected.insert(expected.begin() + 1, "full");
    EXPECT_EQ(folder_names(), expected);
    struct stat info {};
    EXPECT_TRUE(::stat(full.c_str(), &info) == 0 && S_ISCHR(info.st_mode))
        << full << " is no longer a device";
}

// Start a run that waits on its standard input (a FIFO nobody writes to) with its reports already opened.
pid_t start_waiting_run(const fs::path& dir, const std::string& fifo) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The run under test decides what interrupts do, not what the test runner ignored.
        for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::signal(signal_number, SIG_DFL);
        const int in = ::open(fifo.c_str(), O_RDONLY);
        const int out = ::open((dir / "stdout.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(out, 2);
        const std::string json = "json:" + (dir / "report.json").string();
        const std::string html = "html:" + (dir / "report.html").string();
        ::execl(SURVEYCHECK_EXE, SURVEYCHECK_EXE, "validate", "--format", json.c_str(), "--format",
                html.c_str(), "-", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

TEST_F(SafeOutputs, InterruptedRunLeavesNoTemporaryFileAndTheOldReports) {
    for (const int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
        write("report.json", old_text);
        write("report.html", old_text);
        const std::string fifo = path("stdin.fifo");
        ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
        const pid_t pid = start_waiting_run(dir_, fifo);
        const int writer = ::open(fifo.c_str(), O_WRONLY);  // held open: the run waits for the export
        ASSERT_GE(writer, 0);
        const auto temporaries = [&] {
            std::size_t count = 0;
            for (const auto& name : folder_names()) count += name.rfind(".report.", 0) == 0;
            return count;
        };
        for (int i = 0; i < 500 && temporaries() < 2; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_EQ(temporaries(), 2u) << "the run did not open its reports: " << read_file(path("stdout.txt"));
        ::kill(pid, signal_number);
        int status = 0;
        ::waitpid(pid, &status, 0);
        ::close(writer);
        EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal_number)
            << signal_number << ": status " << status << "; " << read_file(path("stdout.txt"));
        EXPECT_EQ(folder_names(), (std::vector<std::string>{"report.html", "report.json", "stdin.fifo"}))
            << signal_number;
        EXPECT_EQ(read_file(path("report.json")), old_text);
        EXPECT_EQ(read_file(path("report.html")), old_text);
        fs::remove(fifo);
    }
}

TEST_F(SafeOutputs, FolderInputDoesNotFollowASymlinkOutOfTheFolder) {
    fs::create_directory(dir_ / "exports");
    write("exports/report.xml", read_file(seed_report));
    write("secret.xml", "SECRET-TOKEN=do-not-read\n");
    fs::create_symlink(dir_ / "secret.xml", dir_ / "exports/link-out.xml");
    fs::create_symlink("/proc/self/environ", dir_ / "exports/environ.xml");
    fs::create_symlink(dir_ / "exports/report.xml", dir_ / "exports/link-in.xml");  // inside: read
    const BoundedOutcome result = run_bounded({"validate", "--format", "json", path("exports")});
    EXPECT_EQ(result.code, 3) << describe(result);
    EXPECT_NE(result.err.find(path("exports/link-out.xml") + ":0:0: error: a symbolic link out of"),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find(path("exports/environ.xml") + ":0:0: error: a symbolic link out of"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("SECRET"), std::string::npos);
    EXPECT_EQ(result.out.find("SECRET"), std::string::npos);
    EXPECT_EQ(result.err.find("link-in.xml:0:0"), std::string::npos) << result.err;
    // Asked to: the link is read (and, not being an export, refused as one).
    const BoundedOutcome followed =
        run_bounded({"validate", "--format", "json", "--follow-symlinks", path("exports/link-out.xml")});
    EXPECT_EQ(followed.code, 3);
    const BoundedOutcome folder_followed =
        run_bounded({"validate", "--format", "json", "--follow-symlinks", path("exports")});
    EXPECT_EQ(folder_followed.err.find("a symbolic link out of"), std::string::npos) << folder_followed.err;
}

}  // namespace
