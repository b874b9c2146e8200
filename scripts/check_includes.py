#!/usr/bin/env python3
"""Fails when a folder includes what ARCHITECTURE.md (§ Folders) says it may not.

  sdk/        the C/C++ standard library, sdk/ itself, and GoogleTest (for the test harness) only
  core/util/  the standard library and core/util/ itself only
(the compiler's intrinsics headers, such as emmintrin.h, count as standard)
  plugins/    nothing from core/

sdk/template/ is left out: it is the project `surveycheck new-plugin` writes, built against the installed
SurveyCheck package (whose end-to-end runner, test_runner.hpp, comes from core/testing/).

Usage: check_includes.py [--root DIR]   (DIR: the source tree, default: this script's parent's parent)
Prints one line per refused include (file:line: what, why) and exits 1 when there is any.
"""
import argparse
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

# C++17 standard library headers, and the C library headers in both spellings.
CXX_HEADERS = """algorithm any array atomic bitset cassert cctype cerrno cfenv cfloat charconv chrono cinttypes
climits clocale cmath codecvt complex condition_variable csetjmp csignal cstdarg cstddef cstdint cstdio cstdlib
cstring ctime cuchar cwchar cwctype deque exception execution filesystem forward_list fstream functional future
initializer_list iomanip ios iosfwd iostream istream iterator limits list locale map memory memory_resource mutex
new numeric optional ostream queue random ratio regex scoped_allocator set shared_mutex sstream stack stdexcept
streambuf string string_view strstream system_error thread tuple type_traits typeindex typeinfo unordered_map
unordered_set utility valarray variant vector""".split()
C_HEADERS = """assert ctype errno fenv float inttypes iso646 limits locale math setjmp signal stdalign stdarg
stdbool stddef stdint stdio stdlib string tgmath time uchar wchar wctype""".split()
STANDARD = set(CXX_HEADERS) | {h + ".h" for h in C_HEADERS}
GOOGLETEST = ("gtest/", "gmock/")
# The compiler's own intrinsics headers (SSE2 and the like) count as part of the standard toolchain.
INTRINSICS = re.compile(r"^[a-z0-9]*intrin\.h$")
SOURCES = {".h", ".hpp", ".c", ".cpp", ".cc", ".inc"}


def standard(name):
    return name in STANDARD or INTRINSICS.match(name) is not None


def sources(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SOURCES)


def resolve(root, source, name, quoted):
    """The file an include names, as the build would find it, or None (a system or third-party header)."""
    candidates = [source.parent / name] if quoted else []
    candidates += [root / "sdk" / "include" / name, root / "core" / name]
    candidates += sorted((root / "core").glob("*/include/" + name))
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    return None


def inside(path, folder):
    try:
        path.relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check(root):
    problems = []

    def each_include(folder, skip=None):
        for source in sources(folder):
            if skip is not None and inside(source.resolve(), skip):
                continue
            for number, line in enumerate(source.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if match:
                    quoted = match.group(1) == '"'
                    yield source, number, match.group(2), resolve(root, source, match.group(2), quoted)

    def refuse(source, number, name, why):
        problems.append(f"{source.relative_to(root)}:{number}: #include {name}: {why}")

    sdk, util, core = root / "sdk", root / "core" / "util", root / "core"
    for source, number, name, found in each_include(sdk, skip=sdk / "template"):
        if found is not None:
            if not inside(found, sdk):
                refuse(source, number, name, "sdk/ may include only the standard library, sdk/ and GoogleTest")
        elif not standard(name) and not name.startswith(GOOGLETEST):
            refuse(source, number, name, "sdk/ may include only the standard library, sdk/ and GoogleTest")
    for source, number, name, found in each_include(util):
        if (found is not None and not inside(found, util)) or (found is None and not standard(name)):
            refuse(source, number, name, "core/util/ may include only the standard library and core/util/")
    for source, number, name, found in each_include(root / "plugins"):
        if found is not None and inside(found, core):
            refuse(source, number, name, "plugins/ may not include anything from core/")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    root = parser.parse_args().root.resolve()
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) cross a folder boundary (ARCHITECTURE.md, § Folders)")
        return 1
    print("includes respect the folder boundaries of ARCHITECTURE.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
