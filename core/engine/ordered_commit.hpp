// Results made in any order on several threads, committed one at a time in the order of their index: the one
// scheduler behind a file's contributions and a run's inputs.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <utility>

namespace surveycheck::engine {

// Commits results in index order. The thread that hands in the next result commits it and every ready one
// after it, outside the lock, while the other threads go on working; a thread that hands in a result while
// more than `max_pending` wait stays until the committer caught up, so results never pile up in memory (it
// holds no unfinished work, so the committer can always catch up).
template <typename Result>
class OrderedCommitter {
public:
    // Commit results from index `first` on with `commit`, holding at most about `max_pending` ready ones.
    OrderedCommitter(std::size_t first, std::size_t max_pending, std::function<void(Result&)> commit)
        : next_(first), max_pending_(max_pending), commit_(std::move(commit)) {}

    // Hand in result `index`; commits it and those after it when it is the next one. An exception of the
    // commit function is thrown here, after the committer's place was given up.
    void done(std::size_t index, Result result) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (index >= stop_) return;
        pending_.emplace(index, std::move(result));
        if (committing_) {
            caught_up_.wait(lock, [&] { return !committing_ || pending_.size() <= max_pending_; });
            return;
        }
        committing_ = true;
        for (auto it = pending_.find(next_); it != pending_.end() && next_ < stop_;
             it = pending_.find(next_)) {
            Result ready = std::move(it->second);
            pending_.erase(it);
            lock.unlock();
            try {
                commit_(ready);
            } catch (...) {
                lock.lock();
                committing_ = false;
                caught_up_.notify_all();
                throw;
            }
            lock.lock();
            ++next_;
            caught_up_.notify_all();
        }
        committing_ = false;
        caught_up_.notify_all();
    }

    // Commit nothing from `index` on (the first of them failed): results at or after it are dropped.
    void stop_at(std::size_t index) {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (index >= stop_) return;
        stop_ = index;
        pending_.erase(pending_.lower_bound(index), pending_.end());
    }

    // The index committing stops at, or the largest std::size_t when nothing stopped it.
    std::size_t stopped_at() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return stop_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable caught_up_;
    std::map<std::size_t, Result> pending_;
    std::size_t next_;
    std::size_t stop_ = std::numeric_limits<std::size_t>::max();
    const std::size_t max_pending_;
    bool committing_ = false;
    std::function<void(Result&)> commit_;
};

}  // namespace surveycheck::engine
