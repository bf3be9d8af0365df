namespace FuzzTargets;

/// <summary>One fuzz target: takes any bytes; throws only when the code under test breaks its contract.</summary>
internal delegate void FuzzTarget(ReadOnlySpan<byte> input);
