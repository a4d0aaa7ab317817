using System.Text;

namespace ActorOrders.Projections.Tests;

public class SlicesSpec
{
    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    [InlineData("é", 0x1e9de8c1u)]
    [InlineData("订单-7", 0x002f0d40u)]
    public void Hash_is_fnv1a_32_over_utf8(string key, uint expected) => Slices.Hash(key).ShouldBe(expected);

    [Fact]
    public void Slice_is_the_hash_modulo_the_count_and_the_same_in_every_process()
    {
        // Fixed values: a change of hash or encoding would move entities to other slices.
        Slices.Of("order-42", 8).ShouldBe(4);
        Slices.Of("foobar", 8).ShouldBe(0);
        Slices.Of("é", 4).ShouldBe(1);
        Slices.Of("anything", 1).ShouldBe(0);
    }

    [Fact]
    public void Long_keys_hash_like_short_ones()
    {
        var key = new string('x', 300) + "é" + new string('y', 400);
        var expected = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key)) expected = unchecked((expected ^ b) * 16777619);
        Slices.Hash(key).ShouldBe(expected);
    }

    [Fact]
    public void Keys_spread_evenly_over_slices()
    {
        var counts = new int[8];
        for (var i = 0; i < 16_000; i++) counts[Slices.Of($"order-{i}", 8)]++;
        counts.ShouldAllBe(c => c > 1_700 && c < 2_300, string.Join(", ", counts));
    }

    [Fact]
    public void Tag_is_prefix_dash_slice() => Slices.Tag("orders-slice", 3).ShouldBe("orders-slice-3");

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Slices.Of("a", 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Slices.Tag("p", -1));
        Should.Throw<ArgumentException>(() => Slices.Tag(" ", 1));
    }
}
