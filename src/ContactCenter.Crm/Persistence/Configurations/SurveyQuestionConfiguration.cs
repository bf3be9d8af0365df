using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Choices).HasColumnType("text[]");
        builder.HasIndex(q => new { q.CallListId, q.Number }).IsUnique();
    }
}
