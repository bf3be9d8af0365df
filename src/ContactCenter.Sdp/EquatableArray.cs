using System.Collections;
using System.Runtime.CompilerServices;

namespace ContactCenter.Sdp;

/// <summary>
/// An immutable list with value equality, so that records holding lists compare by content
/// (a parsed, written and re-parsed description equals the original).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    private EquatableArray(T[] items) => _items = items;

    /// <summary>The number of elements.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>Whether the list has no elements.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => AsSpan()[index];

    /// <summary>The elements as a read-only span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>A copy of this list with <paramref name="item"/> appended.</summary>
    public EquatableArray<T> Add(T item) => new([.. AsSpan(), item]);

    /// <summary>A copy of this list with the element at <paramref name="index"/> replaced.</summary>
    public EquatableArray<T> SetItem(int index, T item)
    {
        T[] copy = AsSpan().ToArray();
        copy[index] = item;
        return new(copy);
    }

    /// <summary>Builds a list that takes ownership of <paramref name="items"/>; the caller must not keep it.</summary>
    internal static EquatableArray<T> TakeOwnership(T[] items) => new(items);

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other) =>
        AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (T item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns an enumerator over the elements.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    /// <summary>Value equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

/// <summary>Factory for <see cref="EquatableArray{T}"/>, used by collection expressions.</summary>
public static class EquatableArray
{
    /// <summary>Creates a list holding a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => EquatableArray<T>.TakeOwnership(items.ToArray());
}
