using Facade.Shared.Composition;

namespace Facade.Shared.Tests.Composition;

/// <summary>The skip-n.registry-facade.gitpod.io label on add-on image configs.</summary>
public sealed class SkipLayersTests
{
    private const string Label = "skip-n.registry-facade.gitpod.io";

    [Theory]
    [InlineData("0", new[] { 0, 1, 2 })]
    [InlineData("1", new[] { 1, 2 })]
    [InlineData("2", new[] { 2 })]
    [InlineData("3", new int[0])]
    [InlineData("00002", new[] { 2 })]
    [InlineData("4", new int[0])]
    [InlineData("65535", new int[0])]
    public void Valid_values_drop_the_first_layers(string value, int[] kept)
    {
        var addon = TestImages.Addon("addon", 3, labelsJson: $"{{\"{Label}\":\"{value}\"}}");
        var plan = CompositionPlanner.Plan(new PlanInput([], addon, null, [], []));
        Assert.Equal(kept.Select(i => TestImages.LayerDigestOf("addon", i)), plan.Addenda.Select(a => a.Layer.Digest));
        Assert.Equal(kept.Select(i => TestImages.DiffIdOf("addon", i)), plan.Addenda.Select(a => a.DiffId));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("99999999999")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("0x1")]
    public void Invalid_values_are_clear_errors(string value)
    {
        var addon = TestImages.Addon("addon", 3, labelsJson: $"{{\"{Label}\":\"{value}\"}}");
        var error = Assert.Throws<CompositionException>(() => CompositionPlanner.Plan(new PlanInput([], null, addon, [], [])));
        Assert.Contains(Label, error.Message);
        Assert.Contains(addon.Ref, error.Message);
    }

    [Fact]
    public void A_label_that_is_not_a_string_is_an_error()
    {
        var addon = TestImages.Addon("addon", 3, labelsJson: $"{{\"{Label}\":1}}");
        var error = Assert.Throws<CompositionException>(() => CompositionPlanner.Plan(new PlanInput([], addon, null, [], [])));
        Assert.Contains(Label, error.Message);
    }

    [Fact]
    public void Skipped_images_still_contribute_their_env_modifiers()
    {
        var addon = TestImages.Addon("addon", 1, ["GITPOD_ENV_SET_X=1"], $"{{\"{Label}\":\"1\"}}");
        var plan = CompositionPlanner.Plan(new PlanInput([], addon, null, [], []));
        Assert.Empty(plan.Addenda);
        Assert.Equal([new EnvModifier(EnvModifierKind.Set, "X", "1")], plan.EnvModifiers);
    }
}
