/// Version facts recorded in outputs and sessions.
public enum EngineInfo {
    /// Bumped when the engine's scoring changes, so replays can say what disagrees and why.
    public static let version = "0.1.0"
}
