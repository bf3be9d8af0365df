using System.Collections;
using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>An immutable, ordered list of parameters with case-insensitive look-up by name.</summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly SipParameter[] _items;

    private SipParameters(SipParameter[] items) => _items = items;

    /// <summary>The list with no parameters.</summary>
    public static SipParameters Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public SipParameter this[int index] => _items[index];

    /// <summary>Creates a list from the given parameters, in order.</summary>
    public static SipParameters Create(IEnumerable<SipParameter>? parameters)
    {
        if (parameters is null)
        {
            return Empty;
        }

        var items = parameters.ToArray();
        return items.Length == 0 ? Empty : new SipParameters(items);
    }

    internal static SipParameters FromArray(SipParameter[] items) => items.Length == 0 ? Empty : new SipParameters(items);

    /// <summary>True when a parameter with this name (any case) is present, with or without a value.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Gets the value of the first parameter with this name; <paramref name="value"/> is null for a flag parameter.</summary>
    public bool TryGetValue(string name, out string? value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : null;
        return i >= 0;
    }

    /// <summary>The value of the named parameter, or null when it is absent or has no value.</summary>
    public string? GetValueOrDefault(string name) => TryGetValue(name, out var v) ? v : null;

    /// <summary>Returns a copy with the named parameter set (replaced in place, or appended).</summary>
    public SipParameters With(string name, string? value)
    {
        var i = IndexOf(name);
        var items = i >= 0 ? (SipParameter[])_items.Clone() : [.. _items, default];
        items[i >= 0 ? i : items.Length - 1] = new SipParameter(name, value);
        return new SipParameters(items);
    }

    /// <summary>Returns a copy without any parameter of this name.</summary>
    public SipParameters Without(string name) =>
        IndexOf(name) < 0 ? this : FromArray(Array.FindAll(_items, p => !p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Writes the parameters as <c>;a=b;c</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb, ';');
        return sb.ToString();
    }

    internal void AppendTo(StringBuilder sb, char separator)
    {
        foreach (var p in _items)
        {
            sb.Append(separator).Append(p.Name);
            if (p.Value is not null)
            {
                sb.Append('=').Append(p.Value);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string name) =>
        Array.FindIndex(_items, p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
