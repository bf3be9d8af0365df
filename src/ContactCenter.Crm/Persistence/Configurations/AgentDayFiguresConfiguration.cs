using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class AgentDayFiguresConfiguration : IEntityTypeConfiguration<AgentDayFigures>
{
    public void Configure(EntityTypeBuilder<AgentDayFigures> builder)
    {
        builder.ToTable("agent_day_figures");
        builder.HasKey(e => new { e.Day, e.Extension });
    }
}
