// The hidden `surveycheck worker` sub-command: a worker process that runs isolated rules for its parent.
#pragma once

namespace surveycheck::cli {

// Serve the supervising surveycheck on standard input (a socket); returns the exit code.
int run_worker_command();

}  // namespace surveycheck::cli
