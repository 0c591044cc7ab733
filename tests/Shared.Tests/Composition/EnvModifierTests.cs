namespace Facade.Shared.Tests.Composition;

/// <summary>The GITPOD_ENV_* modifiers of add-on image configs, applied through the real planner and composer.</summary>
public sealed class EnvModifierTests
{
    [Theory]
    [InlineData(new[] { "PATH=/bin" }, new[] { "GITPOD_ENV_SET_PATH=/x" }, new[] { "PATH=/x" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_SET_B=2" }, new[] { "A=1", "B=2" })]
    [InlineData(new[] { "PATH=/bin" }, new[] { "GITPOD_ENV_APPEND_PATH=/ide:" }, new[] { "PATH=/ide:/bin" })]
    [InlineData(new[] { "PATH=/bin" }, new[] { "GITPOD_ENV_PREPEND_PATH=:/sup" }, new[] { "PATH=/bin:/sup" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_APPEND_P=v" }, new[] { "A=1", "P=v" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_PREPEND_P=v" }, new[] { "A=1", "P=v" })]
    [InlineData(new[] { "A=1" }, new[] { "B=2", "C=3" }, new[] { "A=1" })]
    [InlineData(new[] { "A=1", "B=2", "C=3" }, new[] { "GITPOD_ENV_SET_B=x", "GITPOD_ENV_SET_D=4", "GITPOD_ENV_SET_A=y" }, new[] { "A=y", "B=x", "C=3", "D=4" })]
    [InlineData(new[] { "P=m" }, new[] { "GITPOD_ENV_APPEND_P=a", "GITPOD_ENV_PREPEND_P=z" }, new[] { "P=amz" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_SET_X=a=b" }, new[] { "A=1", "X=a=b" })]
    [InlineData(new string[0], new[] { "GITPOD_ENV_SET_X=1" }, new[] { "X=1" })]
    [InlineData(new[] { "PATHX=1", "PATH=/bin" }, new[] { "GITPOD_ENV_SET_PATH=/y" }, new[] { "PATHX=1", "PATH=/y" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_SET_=v", "GITPOD_ENV_SET" }, new[] { "A=1" })]
    [InlineData(new[] { "E=" }, new[] { "GITPOD_ENV_APPEND_E=v" }, new[] { "E=v" })]
    [InlineData(new[] { "NOVALUE" }, new[] { "GITPOD_ENV_PREPEND_NOVALUE=v" }, new[] { "NOVALUE=v" })]
    [InlineData(new[] { "A=1" }, new[] { "GITPOD_ENV_SET_U=\u00e9\"q\"" }, new[] { "A=1", "U=\u00e9\"q\"" })]
    public void Modifiers_edit_the_base_env(string[] baseEnv, string[] addonEnv, string[] expected)
    {
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 1), TestImages.Config("base", 1, baseEnv),
            TestImages.Addon("addon", 1, addonEnv));
        Assert.Equal(expected, TestImages.EnvOf(result.Config));
    }

    [Fact]
    public void Modifiers_of_later_images_see_the_result_of_earlier_ones()
    {
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 1), TestImages.Config("base", 1, ["P=base"]),
            TestImages.Addon("first", 1, ["GITPOD_ENV_APPEND_P=1:"]),
            TestImages.Addon("second", 1, ["GITPOD_ENV_PREPEND_P=:2", "GITPOD_ENV_SET_Q=q"]));
        Assert.Equal(["P=1:base:2", "Q=q"], TestImages.EnvOf(result.Config));
    }

    [Theory]
    [InlineData("{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")]
    [InlineData("{\"config\":null,\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")]
    [InlineData("{\"config\":{\"Env\":null,\"User\":\"u\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")]
    [InlineData("{\"config\":{\"User\":\"u\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")]
    public void Env_is_created_where_the_base_has_none(string baseConfig)
    {
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 0), System.Text.Encoding.UTF8.GetBytes(baseConfig),
            TestImages.Addon("addon", 1, ["GITPOD_ENV_SET_X=1"]));
        Assert.Equal(["X=1"], TestImages.EnvOf(result.Config));
    }

    [Fact]
    public void Untouched_entries_keep_their_exact_escaping()
    {
        var baseConfig = "{\"config\":{\"Env\":[\"A=\\u00e9\\/x\",\"B=1\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"u8.ToArray();
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 0), baseConfig, TestImages.Addon("addon", 1, ["GITPOD_ENV_SET_B=2"]));
        Assert.Contains("[\"A=\\u00e9\\/x\",\"B=2\"]", System.Text.Encoding.UTF8.GetString(result.Config));
    }
}
