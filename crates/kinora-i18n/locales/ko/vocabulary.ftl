## 카탈로그 데이터의 낱말: 제목 종류, 개봉 형태, 직무 등.
## 영어는 데이터 선언의 이름표를 그대로 쓰고, 여기서는 키(`종류-값`)로 옮깁니다.

TitleKind-Original = 원제
TitleKind-Romanized = 로마자 제목
TitleKind-English = 영어 제목
TitleKind-Working = 가제
TitleKind-AlsoKnownAs = 다른 제목
TitleKind-Translated = 번역 제목
TitleKind-Festival = 영화제 상영 제목

NameKind-Primary = 이름
NameKind-Native = 본래 문자로 쓴 이름
NameKind-Romanized = 로마자 표기
NameKind-Birth = 본명
NameKind-Stage = 예명
NameKind-Alias = 다른 이름
NameKind-Abbreviation = 약칭
NameKind-Former = 옛 이름
NameKind-Nickname = 별명

Romanization-RevisedRomanization = 국어의 로마자 표기법
Romanization-MccuneReischauer = 매큔-라이샤워 표기법
Romanization-Yale = 예일 표기법
Romanization-Customary = 관용 표기
Romanization-Pinyin = 한어 병음
Romanization-Hepburn = 헵번식 표기

NameOrder-FamilyFirst = 성 먼저
NameOrder-GivenFirst = 이름 먼저

ReleaseKind-Premiere = 첫 공개
ReleaseKind-Festival = 영화제 상영
ReleaseKind-Theatrical = 극장 개봉
ReleaseKind-Limited = 제한 상영
ReleaseKind-Digital = 디지털 공개
ReleaseKind-Television = TV 방영
ReleaseKind-Physical = DVD·블루레이 출시
ReleaseKind-Preview = 시사회
ReleaseKind-SpecialScreening = 특별 상영
ReleaseKind-Planned = 개봉 예정

Color-Color = 컬러
Color-BlackAndWhite = 흑백
Color-Mixed = 컬러·흑백

FilmForm-Feature = 장편 영화
FilmForm-Short = 단편 영화
FilmForm-Documentary = 다큐멘터리
FilmForm-TvMovie = TV 영화
FilmForm-Series = 시리즈
FilmForm-Episode = 에피소드
FilmForm-Video = 비디오
FilmForm-Project = 제작 준비 중인 작품
FilmForm-MiniSeries = 미니시리즈
FilmForm-TvSpecial = TV 특집
FilmForm-TvShort = TV 단편
FilmForm-Pilot = 파일럿
FilmForm-VideoGame = 비디오 게임

IdScheme-Imdb = IMDb
IdScheme-Tmdb = TMDB
IdScheme-Wikidata = 위키데이터
IdScheme-Kofic = 영화진흥위원회(KOFIC)
IdScheme-Letterboxd = Letterboxd
IdScheme-Musicbrainz = MusicBrainz

Department-Directing = 연출
Department-Writing = 각본
Department-Production = 제작
Department-Cast = 출연
Department-Camera = 촬영
Department-Editing = 편집
Department-Sound = 음향
Department-Music = 음악
Department-Art = 미술
Department-Costume = 의상·분장
Department-VisualEffects = 시각효과
Department-Crew = 스태프
Department-Thanks = 도움 주신 분

CompanyRoleKind-Production = 제작
CompanyRoleKind-CoProduction = 공동 제작
CompanyRoleKind-Distribution = 배급
CompanyRoleKind-InternationalSales = 해외 판매
CompanyRoleKind-Investor = 투자
CompanyRoleKind-Development = 기획 개발
CompanyRoleKind-Financing = 자금 조달
CompanyRoleKind-Presenter = 제공
CompanyRoleKind-Label = 음반사

LinkKind-Official = 공식 사이트
LinkKind-Related = 관련 사이트
LinkKind-Gallery = 사진 모음
LinkKind-Trailer = 예고편과 메이킹
LinkKind-Database = 데이터베이스 항목
LinkKind-Article = 기사
LinkKind-Social = 소셜 미디어
LinkKind-Other = 링크

TrailerKind-Teaser = 티저
TrailerKind-Trailer = 예고편
TrailerKind-MakingOf = 메이킹
TrailerKind-Clip = 클립

MoneyKind-Budget = 제작비
MoneyKind-Investment = 투자금
MoneyKind-BoxOffice = 흥행 수입
MoneyKind-Grant = 지원금

BasisKind-TrueEvent = 실화
BasisKind-TrueStories = 실제 이야기들
BasisKind-Book = 책
BasisKind-Memoir = 회고록
BasisKind-Film = 영화
BasisKind-Play = 희곡
BasisKind-Other = 다른 작품

ProductionStatus-Announced = 제작 발표
ProductionStatus-InDevelopment = 기획 개발 중
ProductionStatus-PreProduction = 프리프로덕션
ProductionStatus-Filming = 촬영 중
ProductionStatus-PostProduction = 후반 작업 중
ProductionStatus-Completed = 완성
ProductionStatus-Released = 개봉
ProductionStatus-Cancelled = 제작 취소

Relation-Spouse = 배우자
Relation-Child = 자녀
Relation-Parent = 부모
Relation-Sibling = 형제자매
Relation-Colleague = 동료

OrganizationKind-ProductionCompany = 제작사
OrganizationKind-Distributor = 배급사
OrganizationKind-SalesAgent = 해외 판매사
OrganizationKind-Investor = 투자사
OrganizationKind-Studio = 스튜디오
OrganizationKind-Broadcaster = 방송사
OrganizationKind-Publisher = 출판사
OrganizationKind-NewsAgency = 언론사
OrganizationKind-Festival = 영화제
OrganizationKind-Government = 정부 기관
OrganizationKind-NonProfit = 비영리 단체
OrganizationKind-University = 대학
OrganizationKind-Conglomerate = 대기업
OrganizationKind-RecordLabel = 음반사
OrganizationKind-Other = 단체

SourceKind-News = 뉴스 기사
SourceKind-ForumPost = 게시판 글
SourceKind-OfficialSite = 공식 사이트
SourceKind-PressRelease = 보도 자료
SourceKind-Review = 리뷰
SourceKind-FestivalPage = 영화제 페이지
SourceKind-MoviePage = 영화 정보 페이지
SourceKind-Dataset = 데이터셋
SourceKind-Blog = 블로그 글
SourceKind-Book = 책
SourceKind-Other = 문서

EventKind-FestivalEdition = 영화제
EventKind-Section = 영화제 섹션
EventKind-Screening = 상영
EventKind-Series = 연속 행사
EventKind-PressConference = 기자회견
EventKind-ProductionBriefing = 제작 보고회
EventKind-Premiere = 시사회
EventKind-AwardCeremony = 시상식
EventKind-Market = 필름 마켓
EventKind-Other = 행사

PremiereStatus-World = 월드 프리미어
PremiereStatus-International = 인터내셔널 프리미어
PremiereStatus-Regional = 지역 프리미어
PremiereStatus-National = 국내 첫 상영
PremiereStatus-City = 도시 첫 상영

ParticipantRole-Attended = 참석
ParticipantRole-Spoke = 발언
ParticipantRole-Presented = 소개
ParticipantRole-Hosted = 진행
ParticipantRole-Organised = 주최
ParticipantRole-Jury = 심사위원
ParticipantRole-Guest = 초청 손님

EventFilmRelation-Selected = 선정
EventFilmRelation-Shown = 상영
EventFilmRelation-Presented = 소개
EventFilmRelation-InCompetition = 경쟁 부문
EventFilmRelation-Opening = 개막작
EventFilmRelation-Closing = 폐막작

AwardOutcome-Eligible = 후보 자격
AwardOutcome-Nominated = 후보
AwardOutcome-Won = 수상

AvailabilityKind-Stream = 스트리밍
AvailabilityKind-Rent = 대여
AvailabilityKind-Buy = 구매
AvailabilityKind-Free = 무료
AvailabilityKind-Cinema = 극장 상영 중

AttachmentStatus-Attached = 참여
AttachmentStatus-InTalks = 논의 중
AttachmentStatus-Rumoured = 소문
AttachmentStatus-Confirmed = 확정
AttachmentStatus-Left = 하차

MentionStatus-Confirmed = 확인됨
MentionStatus-Rejected = 거부됨

ImageRole-Poster = 포스터
ImageRole-Photo = 사진
ImageRole-Still = 스틸컷
ImageRole-Cover = 표지
ImageRole-Logo = 로고

## 항목의 정보 목록 이름 (“출연: …”처럼 정보를 한 줄로 읽을 때).

list-addresses = 주소
list-affiliations = 소속
list-artists = 아티스트
list-availability = 볼 수 있는 곳
list-awards = 시상
list-based_on = 원작
list-birth_dates = 출생일
list-birth_places = 출생지
list-cities = 도시
list-colors = 색채
list-companies = 회사
list-countries = 국가
list-credits = 참여
list-dates = 기간
list-death_dates = 사망일
list-descriptions = 소개
list-episode_of = 소속 시리즈
list-external_ids = 다른 사이트
list-filming_locations = 촬영지
list-filming_periods = 촬영 기간
list-films = 영화
list-formats = 포맷
list-forms = 형태
list-founded = 설립
list-genres = 장르
list-keywords = 주제
list-kinds = 종류
list-languages = 언어
list-links = 링크
list-locations = 위치
list-money = 제작비·흥행
list-names = 이름
list-occupations = 직업
list-operators = 운영
list-organisers = 주최
list-parents = 모회사
list-part_of = 소속
list-participants = 참석자
list-places = 장소
list-ratings = 다른 곳의 평점
list-related = 관련 영화
list-relatives = 가족·관계
list-releases = 개봉
list-runtimes = 상영 시간
list-screenings = 상영
list-soundtracks = 사운드트랙
list-statuses = 제작 상태
list-synopses = 줄거리
list-time_zones = 시간대
list-titles = 제목
list-tracks = 수록곡
list-trailers = 예고편
list-trivia = 알아 두면 좋은 이야기
list-years = 제작 연도

## 목록이 아닌 문서 필드의 이름 (출처의 제목, 주소, 발행처 등).

doc-field-id = id
doc-field-authors = 글쓴이
doc-field-credits = 출처로 밝힌 곳
doc-field-credits_company = 출처로 밝힌 회사
doc-field-date = 날짜
doc-field-kind = 종류
doc-field-lang = 언어
doc-field-mentions = 나오는 이름
doc-field-publisher = 발행처
doc-field-publisher_company = 발행 회사
doc-field-summary = 요약
doc-field-text = 본문
doc-field-title = 제목
doc-field-url = 주소
doc-field-via = 가져온 곳

## 정보 입력 양식의 칸 이름.

form-field-address = 주소
form-field-album = 음반
form-field-also = 다른 이름
form-field-artist = 아티스트
form-field-artists = 아티스트
form-field-authors = 글쓴이
form-field-award = 상
form-field-best = 만점
form-field-by = 평가한 곳
form-field-characters = 배역
form-field-color = 색채
form-field-company = 회사
form-field-country = 국가
form-field-credited_as = 크레디트 표기
form-field-credits = 출처로 밝힌 곳 (“Source: Deadline”)
form-field-credits_company = 출처로 밝힌 회사
form-field-date = 날짜
form-field-department = 분야
form-field-description = 설명
form-field-disc = 디스크
form-field-end = 끝
form-field-episode = 회차
form-field-event = 행사
form-field-exchange_rate = 환율
form-field-film = 영화
form-field-form = 형태
form-field-format = 포맷
form-field-genre = 장르
form-field-id = id
form-field-job = 담당
form-field-keyword = 주제어
form-field-kind = 종류
form-field-lang = 언어
form-field-language = 언어
form-field-minutes = 분
form-field-money = 금액
form-field-name = 이름
form-field-names = 이름
form-field-number = 번호
form-field-occupation = 직업
form-field-outcome = 결과
form-field-person = 인물
form-field-place = 장소
form-field-publisher = 발행처
form-field-publisher_company = 발행 회사
form-field-relation = 관계
form-field-role = 역할
form-field-scheme = 사이트
form-field-script = 문자
form-field-season = 시즌
form-field-seconds = 초
form-field-seen = 확인한 날
form-field-series = 시리즈
form-field-service = 서비스
form-field-start = 시작
form-field-status = 상태
form-field-system = 표기법
form-field-text = 표기
form-field-title = 제목
form-field-titles = 제목
form-field-url = 주소 (URL)
form-field-value = 값
form-field-venue = 상영관
form-field-via = 가져온 곳 (옮겨 실은 출처)
form-field-votes = 참여 수
form-field-written = 표기
form-field-year = 연도
form-field-zone = 시간대
form-field-amount = 금액
form-field-currency = 통화
form-field-rate = 환율
form-field-base = 기준 통화
form-field-quote = 상대 통화
form-field-as_of = 기준일
form-field-order = 이름 순서
form-field-capacity = 자격
form-field-premiere = 프리미어
form-field-tickets = 예매
form-field-screen = 상영관

## 자유 입력이지만 흔히 쓰는 낱말: IMDb의 장르, 크레디트의 직무.

genre-action = 액션
genre-adult = 성인
genre-adventure = 모험
genre-animation = 애니메이션
genre-biography = 전기
genre-comedy = 코미디
genre-crime = 범죄
genre-documentary = 다큐멘터리
genre-drama = 드라마
genre-family = 가족
genre-fantasy = 판타지
genre-film-noir = 필름 누아르
genre-game-show = 게임 쇼
genre-history = 역사
genre-horror = 공포
genre-music = 음악
genre-musical = 뮤지컬
genre-mystery = 미스터리
genre-news = 뉴스
genre-reality-tv = 리얼리티
genre-romance = 멜로/로맨스
genre-sci-fi = SF
genre-short = 단편
genre-sport = 스포츠
genre-talk-show = 토크쇼
genre-thriller = 스릴러
genre-war = 전쟁
genre-western = 서부
job-director = 감독
job-assistant-director = 조감독
job-screenwriter = 각본
job-writer = 각본
job-producer = 제작
job-executive-producer = 제작 총괄
job-composer = 음악
job-music = 음악
job-cinematographer = 촬영
job-director-of-photography = 촬영 감독
job-editor = 편집
job-production-designer = 미술 감독
job-art-director = 미술
job-costume-designer = 의상
job-sound = 음향
job-actor = 배우
job-actress = 배우
job-self = 본인
job-narrator = 내레이션

## 통화 이름 (CLDR의 한국어 이름)
currency-KRW = 대한민국 원
currency-USD = 미국 달러
currency-EUR = 유로
currency-GBP = 영국 파운드
currency-JPY = 일본 엔화
currency-CNY = 중국 위안화
currency-HKD = 홍콩 달러
currency-TWD = 신 타이완 달러
currency-CAD = 캐나다 달러
currency-AUD = 호주 달러
currency-INR = 인도 루피
