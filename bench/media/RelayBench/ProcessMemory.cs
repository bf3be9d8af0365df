namespace RelayBench;

/// <summary>Resident set size from /proc/self/status.</summary>
internal static class ProcessMemory
{
    public static long RssKilobytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
            }
        }

        return 0;
    }
}
