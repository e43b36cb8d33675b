import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The sitemaps.org 0.9 schemas (sitemap.xsd and siteindex.xsd, published at sitemaps.org),
 * condensed into one: `urlset` of one or more `url`, `sitemapindex` of one or more `sitemap`.
 */
const SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xsd:element name="urlset">
    <xsd:complexType><xsd:sequence>
      <xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/>
      <xsd:element name="url" type="tUrl" maxOccurs="unbounded"/>
    </xsd:sequence></xsd:complexType>
  </xsd:element>
  <xsd:element name="sitemapindex">
    <xsd:complexType><xsd:sequence>
      <xsd:element name="sitemap" type="tSitemap" maxOccurs="unbounded"/>
    </xsd:sequence></xsd:complexType>
  </xsd:element>
  <xsd:complexType name="tUrl"><xsd:sequence>
    <xsd:element name="loc" type="tLoc"/>
    <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
    <xsd:element name="changefreq" type="tChangeFreq" minOccurs="0"/>
    <xsd:element name="priority" type="tPriority" minOccurs="0"/>
    <xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/>
  </xsd:sequence></xsd:complexType>
  <xsd:complexType name="tSitemap"><xsd:sequence>
    <xsd:element name="loc" type="tLoc"/>
    <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
    <xsd:any namespace="##other" minOccurs="0" maxOccurs="unbounded" processContents="strict"/>
  </xsd:sequence></xsd:complexType>
  <xsd:simpleType name="tLoc"><xsd:restriction base="xsd:anyURI"><xsd:minLength value="12"/><xsd:maxLength value="2048"/></xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="tLastmod"><xsd:union>
    <xsd:simpleType><xsd:restriction base="xsd:date"/></xsd:simpleType>
    <xsd:simpleType><xsd:restriction base="xsd:dateTime"/></xsd:simpleType>
  </xsd:union></xsd:simpleType>
  <xsd:simpleType name="tChangeFreq"><xsd:restriction base="xsd:string">
    <xsd:enumeration value="always"/><xsd:enumeration value="hourly"/><xsd:enumeration value="daily"/><xsd:enumeration value="weekly"/>
    <xsd:enumeration value="monthly"/><xsd:enumeration value="yearly"/><xsd:enumeration value="never"/>
  </xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="tPriority"><xsd:restriction base="xsd:decimal"><xsd:minInclusive value="0.0"/><xsd:maxInclusive value="1.0"/></xsd:restriction></xsd:simpleType>
</xsd:schema>
`;

let schemaFile: string | null = null;

/** Problems xmllint finds validating a sitemap or sitemap index against the sitemaps.org schema (empty when valid). */
export async function sitemapProblems(xml: string): Promise<string> {
  schemaFile ??= (() => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitemap-xsd-')), 'sitemap.xsd');
    writeFileSync(file, SCHEMA);
    return file;
  })();
  return new Promise((resolve) => {
    const child = execFile('xmllint', ['--noout', '--nonet', '--schema', schemaFile!, '-'], (error, _stdout, stderr) => resolve(error ? stderr || String(error) : ''));
    child.stdin!.end(xml);
  });
}
