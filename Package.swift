// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Debrief",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "debrief", targets: ["debrief"]),
        .library(name: "DebriefEngine", targets: ["DebriefEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The shared engine: pure and deterministic, no terminal I/O.
        .target(
            name: "DebriefEngine",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The system line editor, through fixed-argument wrappers (see shared/LIBEDIT-NOTES.md).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // Prompt, history file, completion, Ctrl-C/Ctrl-D and non-terminal input.
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // Commands, renderers and the REPL controllers.
        .target(
            name: "DebriefCLI",
            dependencies: [
                "DebriefEngine",
                "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "debrief", dependencies: ["DebriefCLI"]),
        .executableTarget(
            name: "debrief-bench",
            dependencies: ["DebriefEngine"],
            path: "Benchmarks/debrief-bench"
        ),
        .testTarget(name: "DebriefEngineTests", dependencies: ["DebriefEngine"]),
        // Test support: spawns the real binary on a pseudo-terminal.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "DebriefCLITests", dependencies: ["DebriefCLI", "DebriefEngine", "CPseudoTerminal"]),
    ],
    swiftLanguageModes: [.v6]
)
