#include "report/file_spool.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace surveycheck::report {
namespace {

// The spool's records: numbers little-endian as the machine has them, strings with their length first.
void put_u32(std::string& out, std::uint32_t value) { out.append(reinterpret_cast<const char*>(&value), 4); }
void put_u64(std::string& out, std::uint64_t value) { out.append(reinterpret_cast<const char*>(&value), 8); }
void put(std::string& out, const std::string& text) {
    put_u32(out, static_cast<std::uint32_t>(text.size()));
    out += text;
}

void put(std::string& out, const engine::ContributionSummary& contribution) {
    put(out, contribution.id);
    put(out, contribution.partnership);
    put(out, contribution.period);
    put_u32(out, contribution.position.line);
    put_u32(out, contribution.position.column);
}

void put(std::string& out, const engine::FindingItem& item) {
    put(out, item.message);
    put_u32(out, item.position.line);
    put_u32(out, item.position.column);
    put(out, item.xpath);
    put(out, item.hint);
    put(out, item.fingerprint);
    put(out, item.excerpt);
    put(out, item.message_id);
    put(out, item.hint_id);
    put_u32(out, static_cast<std::uint32_t>(item.args.size()));
    for (const auto& [name, value] : item.args) {
        put(out, name);
        put(out, value);
    }
    out += static_cast<char>(item.suppressed);
    put(out, item.suppression.justification);
    put(out, item.suppression.author);
    put(out, item.suppression.expires);
    out += static_cast<char>(item.baseline);
}

void put(std::string& out, const engine::Finding& finding) {
    put(out, static_cast<const engine::FindingItem&>(finding));
    put(out, finding.rule);
    put_u32(out, static_cast<std::uint32_t>(finding.severity));
    put(out, finding.file);
    put(out, finding.contribution);
    put(out, finding.question.key);
    put(out, finding.question.uid);
    put(out, finding.question.bid);
    put(out, finding.question.title);
    put(out, finding.section);
    put(out, finding.docs_url);
    put_u32(out, static_cast<std::uint32_t>(finding.items.size()));
    for (const auto& item : finding.items) put(out, item);
}

// Reads what put() wrote.
class Cursor {
public:
    explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

    std::uint32_t u32() { return number<std::uint32_t>(); }
    std::uint64_t u64() { return number<std::uint64_t>(); }
    char byte() { return bytes_[at_++]; }
    void text(std::string& out) {
        const std::uint32_t size = u32();
        out.assign(bytes_.data() + at_, size);
        at_ += size;
    }

    void get(engine::ContributionSummary& contribution) {
        text(contribution.id);
        text(contribution.partnership);
        text(contribution.period);
        contribution.position.line = u32();
        contribution.position.column = u32();
    }

    void get(engine::Finding& finding) {
        get(static_cast<engine::FindingItem&>(finding));
        text(finding.rule);
        finding.severity = static_cast<engine::Severity>(u32());
        text(finding.file);
        text(finding.contribution);
        text(finding.question.key);
        text(finding.question.uid);
        text(finding.question.bid);
        text(finding.question.title);
        text(finding.section);
        text(finding.docs_url);
        finding.items.resize(u32());
        for (auto& item : finding.items) get(item);
    }

    void get(engine::FindingItem& item) {
        text(item.message);
        item.position.line = u32();
        item.position.column = u32();
        text(item.xpath);
        text(item.hint);
        text(item.fingerprint);
        text(item.excerpt);
        text(item.message_id);
        text(item.hint_id);
        item.args.resize(u32());
        for (auto& [name, value] : item.args) {
            text(name);
            text(value);
        }
        item.suppressed = byte() != 0;
        text(item.suppression.justification);
        text(item.suppression.author);
        text(item.suppression.expires);
        item.baseline = static_cast<engine::BaselineState>(byte());
    }

private:
    template <typename T>
    T number() {
        T value;
        std::memcpy(&value, bytes_.data() + at_, sizeof value);
        at_ += sizeof value;
        return value;
    }

    std::string_view bytes_;
    std::size_t at_ = 0;
};

// The records of a flushed spool, one at a time; holds the largest record, and a piece of the file.
class RecordReader {
public:
    explicit RecordReader(const Spool& spool) : fd_(spool.fd()), size_(spool.size()) {}

    // The next record (valid until the next call), or false after the last.
    bool next(std::string_view& record) {
        if (!have(4)) return false;
        std::uint32_t size = 0;
        std::memcpy(&size, buffer_.data() + begin_, 4);
        if (!have(4 + std::size_t{size})) throw SpoolError("the report's temporary file ends in a record");
        record = std::string_view(buffer_.data() + begin_ + 4, size);
        begin_ += 4 + std::size_t{size};
        return true;
    }

private:
    // True when the next `bytes` are in the buffer, reading on as needed.
    bool have(std::size_t bytes) {
        if (end_ - begin_ >= bytes) return true;
        buffer_.erase(0, begin_);
        end_ -= begin_;
        begin_ = 0;
        buffer_.resize(std::max(bytes, spool_piece));
        while (end_ < bytes && read_ < size_) {
            const std::size_t want =
                static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size() - end_, size_ - read_));
            const ssize_t n = ::pread(fd_, buffer_.data() + end_, want, static_cast<off_t>(read_));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                throw SpoolError(std::string("cannot read the report's temporary file: ") +
                                 (n < 0 ? std::strerror(errno) : "it ends early"));
            }
            end_ += static_cast<std::size_t>(n);
            read_ += static_cast<std::uint64_t>(n);
        }
        return end_ - begin_ >= bytes;
    }

    int fd_;
    std::uint64_t size_;
    std::uint64_t read_ = 0;  // bytes of the file in the buffer or consumed
    std::string buffer_;
    std::size_t begin_ = 0;  // the unread bytes of the buffer: [begin_, end_)
    std::size_t end_ = 0;
};

std::uint64_t hash_of(const std::string& id) { return std::hash<std::string>{}(id); }

}  // namespace

FileSpool::FileSpool(const std::string& folder) : records_(folder) {}

void FileSpool::loose(const engine::Finding& finding) { loose_.push_back(Numbered{seq_++, finding}); }

void FileSpool::contribution(const engine::ContributionSummary& contribution,
                             const std::vector<engine::Finding>& findings) {
    std::string& out = records_.buffer;
    const std::size_t start = out.size();
    put_u32(out, 0);  // the record's size, once known
    put(out, contribution);
    const std::size_t count_at = out.size();
    put_u32(out, 0);
    std::uint32_t count = 0;
    for (const auto& finding : findings) {
        if (finding.contribution.empty() || finding.contribution != contribution.id) {
            loose(finding);
            continue;
        }
        put_u64(out, seq_++);
        put(out, finding);
        ++count;
    }
    std::memcpy(out.data() + count_at, &count, 4);
    const auto size = static_cast<std::uint32_t>(out.size() - start - 4);
    std::memcpy(out.data() + start, &size, 4);
    id_hashes_.push_back(hash_of(contribution.id));
    records_.flush(true);
}

void FileSpool::findings(const std::vector<engine::Finding>& findings) {
    for (const auto& finding : findings) loose(finding);
}

const EndedFile& FileSpool::end(const engine::FileResult& header, std::size_t contributions) {
    ended_ = EndedFile{&header, contributions, {}, {}, {}};
    records_.flush(false);
    // Findings are gathered from the whole file for the ids that several contributions have, and for those
    // that findings sent apart from their contribution name; every other contribution has its own.
    std::sort(id_hashes_.begin(), id_hashes_.end());
    for (std::size_t i = 1; i < id_hashes_.size(); ++i) {
        if (id_hashes_[i] == id_hashes_[i - 1]) regrouped_.insert(id_hashes_[i]);
    }
    for (const auto& loose : loose_) {
        if (!loose.finding.contribution.empty()) regrouped_.insert(hash_of(loose.finding.contribution));
    }
    std::unordered_set<std::string> present;  // ids of contributions among the regrouped ones
    std::unordered_map<std::string, std::vector<const Numbered*>> gathered;
    if (!regrouped_.empty()) {
        RecordReader reader(records_);
        std::string_view record;
        engine::ContributionSummary contribution;
        while (reader.next(record)) {
            Cursor cursor(record);
            cursor.get(contribution);
            if (regrouped_.count(hash_of(contribution.id)) == 0) continue;
            present.insert(contribution.id);
            for (std::uint32_t n = cursor.u32(); n > 0; --n) {
                Numbered& numbered = gathered_.emplace_back();
                numbered.seq = cursor.u64();
                cursor.get(numbered.finding);
                gathered[contribution.id].push_back(&numbered);
            }
        }
    }
    for (const auto& loose : loose_) {
        const std::string& id = loose.finding.contribution;
        if (id.empty()) {
            ended_.own.push_back(&loose.finding);
        } else if (present.count(id) != 0) {
            gathered[id].push_back(&loose);
            continue;
        } else {
            ended_.strays.push_back(&loose.finding);
        }
        ended_.unattached.push_back(&loose.finding);
    }
    for (auto& [id, numbered] : gathered) {
        std::stable_sort(numbered.begin(), numbered.end(),
                         [](const Numbered* a, const Numbered* b) { return a->seq < b->seq; });
        auto& findings = by_id_[id];
        for (const Numbered* one : numbered) findings.push_back(&one->finding);
    }
    return ended_;
}

void FileSpool::replay(const ReplayedContribution& each) const {
    static const std::vector<const engine::Finding*> none;
    RecordReader reader(records_);
    std::unordered_set<std::string> met;  // regrouped ids of contributions so far
    std::string_view record;
    engine::ContributionSummary contribution;
    std::vector<engine::Finding> findings;
    std::vector<const engine::Finding*> pointers;
    while (reader.next(record)) {
        Cursor cursor(record);
        cursor.get(contribution);
        if (regrouped_.count(hash_of(contribution.id)) != 0) {
            const bool first = met.insert(contribution.id).second;
            const auto all = by_id_.find(contribution.id);
            each(contribution, all == by_id_.end() ? none : all->second, first);
            continue;
        }
        findings.resize(cursor.u32());
        pointers.clear();
        for (auto& finding : findings) {
            cursor.u64();
            cursor.get(finding);
            pointers.push_back(&finding);
        }
        each(contribution, pointers, true);
    }
}

void FileSpool::clear() {
    records_.cut(0);
    id_hashes_.clear();
    loose_.clear();
    seq_ = 0;
    regrouped_.clear();
    gathered_.clear();
    by_id_.clear();
    ended_ = EndedFile{};
}

}  // namespace surveycheck::report
