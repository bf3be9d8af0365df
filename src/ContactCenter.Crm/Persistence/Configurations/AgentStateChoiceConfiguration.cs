using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class AgentStateChoiceConfiguration : IEntityTypeConfiguration<AgentStateChoice>
{
    public void Configure(EntityTypeBuilder<AgentStateChoice> builder)
    {
        builder.ToTable("agent_states");
        builder.HasKey(a => a.Extension);
        builder.Property(a => a.Extension).HasMaxLength(32);
        builder.Property(a => a.State).HasMaxLength(32);
        builder.Property(a => a.Substitute).HasMaxLength(32);
    }
}
