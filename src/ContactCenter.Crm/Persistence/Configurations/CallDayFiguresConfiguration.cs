using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class CallDayFiguresConfiguration : IEntityTypeConfiguration<CallDayFigures>
{
    public void Configure(EntityTypeBuilder<CallDayFigures> builder)
    {
        builder.ToTable("call_day_figures");
        builder.HasKey(e => new { e.Day, e.QueueName, e.AnsweredBy });
    }
}
