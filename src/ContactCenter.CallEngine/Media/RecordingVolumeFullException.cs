namespace ContactCenter.CallEngine.Media;

/// <summary>A recording not started because its volume has less free space than <c>Sip:Recording:MinFreeMegabytes</c>.</summary>
internal sealed class RecordingVolumeFullException(string message) : IOException(message);
