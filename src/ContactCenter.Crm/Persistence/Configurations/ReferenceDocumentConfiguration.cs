using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ReferenceDocumentConfiguration : IEntityTypeConfiguration<ReferenceDocument>
{
    public void Configure(EntityTypeBuilder<ReferenceDocument> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Kind).HasMaxLength(32);
        builder.Property(d => d.Body).HasMaxLength(20_000);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.FileSha256).HasMaxLength(64);
        builder.HasOne<Product>().WithMany().HasForeignKey(d => d.ProductId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ReferenceFile>().WithOne().HasForeignKey<ReferenceFile>(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}
