namespace ContactCenter.Contracts.Calls;

/// <summary>What a call's recording left on disk (issue #15).</summary>
public enum RecordingFileState
{
    /// <summary>The whole call is in the file.</summary>
    Complete,

    /// <summary>The file holds the call up to the write that failed (a full disk): the rest is missing.</summary>
    Partial,

    /// <summary>There is no file: the recording could not start or its file could not be kept.</summary>
    Missing,
}
