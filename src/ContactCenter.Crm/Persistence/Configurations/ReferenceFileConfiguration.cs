using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ReferenceFileConfiguration : IEntityTypeConfiguration<ReferenceFile>
{
    public void Configure(EntityTypeBuilder<ReferenceFile> builder) => builder.HasKey(f => f.DocumentId);
}
